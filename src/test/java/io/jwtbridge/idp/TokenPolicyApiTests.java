package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The token policy through the admin API (docs/admin-api.md#token-policy). */
class TokenPolicyApiTests extends IntegrationTests {

    String idpId;

    @BeforeEach
    void setUp() {
        idpId = create(null);
    }

    String create(String policy) {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/jwt",
                "{\"name\":\"idp-" + UUID.randomUUID() + "\",\"jwtEndpoint\":\"https://waf.example.com/jwt\","
                        + "\"issuer\":\"https://issuer.example.com\",\"keysEndpoint\":\"https://issuer.example.com/keys\""
                        + (policy == null ? "" : ",\"policy\":" + policy) + "}",
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("idpId").asString();
    }

    JsonNode policyOf(String id) {
        TestHttp.Response idp = http.get("/admin/v1/idps/" + id, adminToken());
        assertThat(idp.status()).isEqualTo(200);
        return idp.json().get("idp").get("policy");
    }

    @Test
    void anIdpWithoutAPolicyShowsTheDefaults() {
        JsonNode policy = policyOf(idpId);
        assertThat(policy.get("preset").asString()).isEqualTo("NONE");
        assertThat(policy.get("clockSkew").asString()).isEqualTo("60s");
        assertThat(policy.get("requireJti").asBoolean()).isFalse();
        assertThat(policy.get("trustEmailVerified").asBoolean()).isTrue();
        assertThat(policy.get("tokenSources").isEmpty()).isTrue();
        assertThat(policy.get("maxTokenAge").isNull()).isTrue();
    }

    @Test
    void aPolicyIsSetWholeReadBackByBothViewsAndAudited() {
        TestHttp.Response set = http.put("/admin/v1/idps/" + idpId + "/policy", """
                {"tokenSources":[{"in":"COOKIE","name":"sso"}],"allowedAlgorithms":["ES256"],
                 "audiences":["app"],"clockSkew":"90s","maxTokenAge":"1h","requireJti":true,
                 "requiredClaims":[{"path":"/groups","contains":"staff"}],
                 "claimMapping":{"userName":["/upn","/sub"],"roles":["/groups"]},"trustEmailVerified":false}""", adminToken());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("details").get("sequence").asString()).isNotBlank();

        JsonNode policy = policyOf(idpId);
        assertThat(policy.get("tokenSources").get(0).get("in").asString()).isEqualTo("COOKIE");
        assertThat(policy.get("clockSkew").asString()).isEqualTo("90s");
        assertThat(policy.get("maxTokenAge").asString()).isEqualTo("1h");
        assertThat(policy.get("requiredClaims").get(0).get("contains").asString())
                .isEqualTo("staff");
        assertThat(policy.get("claimMapping").get("roles").get(0).asString()).isEqualTo("/groups");
        assertThat(policy.get("trustEmailVerified").asBoolean()).isFalse();
        JsonNode template =
                http.get("/admin/v1/idps/templates/" + idpId, adminToken()).json();
        assertThat(template.get("idp").get("policy")).isEqualTo(policy);

        // Whole: what is not given goes back to its default.
        assertThat(http.put("/admin/v1/idps/" + idpId + "/policy", "{\"requireJti\":true}", adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(policyOf(idpId).get("clockSkew").asString()).isEqualTo("60s");
        assertThat(policyOf(idpId).get("tokenSources").isEmpty()).isTrue();
        // The same again is no change.
        assertThat(http.put("/admin/v1/idps/" + idpId + "/policy", "{\"requireJti\":true}", adminToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void bothCreateCallsAcceptAPolicy() {
        String id = create("{\"preset\":\"POMERIUM\",\"audiences\":[\"https://app.example.com\"]}");
        assertThat(policyOf(id).get("preset").asString()).isEqualTo("POMERIUM");
        TestHttp.Response created = http.post(
                "/admin/v1/idps/generic_jwt",
                "{\"name\":\"idp-" + UUID.randomUUID() + "\",\"jwtEndpoint\":\"https://waf.example.com/jwt\","
                        + "\"issuer\":\"https://issuer.example.com\",\"keysEndpoint\":\"https://issuer.example.com/keys\","
                        + "\"policy\":{\"requireJti\":true}}",
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(policyOf(created.json().get("id").asString())
                        .get("requireJti")
                        .asBoolean())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"requiredClaims\":[{\"path\":\"/hd\",\"matches\":\"(unclosed\"}]}|policy.requiredClaims[0].matches",
                "{\"requiredClaims\":[{\"path\":\"hd\",\"equals\":\"x\"}]}|policy.requiredClaims[0].path",
                "{\"requiredClaims\":[{\"path\":\"/hd\"}]}|policy.requiredClaims[0]",
                "{\"allowedAlgorithms\":[\"RS256\",\"HS256\"]}|policy.allowedAlgorithms[1]",
                "{\"allowedAlgorithms\":[\"none\"]}|policy.allowedAlgorithms[0]",
                "{\"clockSkew\":\"sixty seconds\"}|policy.clockSkew",
                "{\"maxTokenAge\":\"0s\"}|policy.maxTokenAge",
                "{\"claimMapping\":{\"email\":[\"/a~2b\"]}}|policy.claimMapping.email[0]",
                "{\"tokenSources\":[{\"in\":\"HEADER\",\"name\":\"bad header\"}]}|policy.tokenSources[0].name",
                "{\"tokenSources\":[{\"name\":\"x\"}]}|policy.tokenSources[0].in",
                "{\"keys\":{\"source\":\"INLINE_JWKS\"}}|policy.keys.inlineJwks",
                "{\"keys\":{\"source\":\"INLINE_JWKS\",\"inlineJwks\":{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}}}|policy.keys.inlineJwks",
                "{\"keys\":{\"source\":\"PEM_URL_BY_KID\",\"pemUrlTemplate\":\"https://keys.example.com/pem\"}}|policy.keys.pemUrlTemplate",
                "{\"keys\":{\"source\":\"PEM_URL_BY_KID\",\"pemUrlTemplate\":\"https://169.254.169.254/{kid}\"}}|policy.keys.pemUrlTemplate",
                "{\"preset\":\"CLOUDFLARE_ACCESS\"}|policy.audiences",
                "{\"preset\":\"GOOGLE_IAP\",\"audiences\":[\"my-app\"]}|policy.audiences[0]",
                "{\"preset\":\"AWS_ALB\"}|policy.signer",
                "{\"preset\":\"TRAEFIK\"}|preset"
            })
    void aBadPolicyIsA400NamingTheField(String policy, String field) {
        TestHttp.Response refused = http.put("/admin/v1/idps/" + idpId + "/policy", policy, adminToken());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asString()).contains(field);
        assertThat(refused.json().get("code").asInt()).isEqualTo(3);
    }

    @Test
    void anInlineJwksWithPrivateMembersIsRefusedAndNeverEchoed() throws Exception {
        String jwks = new JWKSet(new ECKeyGenerator(Curve.P_256).generate()).toString(false);
        TestHttp.Response refused = http.put(
                "/admin/v1/idps/" + idpId + "/policy",
                "{\"keys\":{\"source\":\"INLINE_JWKS\",\"inlineJwks\":" + jwks + "}}",
                adminToken());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asString())
                .contains("policy.keys.inlineJwks")
                .contains("public keys only");
        assertThat(refused.body()).doesNotContain("\"d\"");
    }

    @Test
    void aPolicyOfAnUnknownIdpIs404() {
        assertThat(http.put("/admin/v1/idps/1/policy", "{}", adminToken()).status())
                .isEqualTo(404);
    }
}
