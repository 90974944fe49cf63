package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.SimulatedWaf.Forwarded;
import io.jwtbridge.testsupport.TestHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/v1/idps/{id}/_test} (docs/admin-api.md#explain-a-token): the very path of a
 * login as a dry run: every check, the user action, the claims; nothing written; the same verdicts
 * as a real login; the token never in the answer or a log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExplainTokenTests extends TokenPolicyTestSupport {

    static final String HEADER = "x-custom-tkn";
    static final String POLICY = "{\"requireJti\":true,\"maxTokenAge\":\"10m\",\"audiences\":[\"app\"],"
            + "\"requiredClaims\":[{\"path\":\"/groups\",\"contains\":\"staff\"}],"
            + "\"claimMapping\":{\"userName\":[\"/upn\",\"/sub\"],\"roles\":[\"/groups\"]}}";

    @Autowired
    AuditLog auditLog;

    SimulatedWaf gateway;
    volatile String token;
    App app;

    @BeforeEach
    void setUp() {
        gateway = new SimulatedWaf(BASE, user -> Forwarded.header(HEADER, token));
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    static String token(String sub, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return jwt(
                RSA_KEY,
                c -> claims.apply(c.subject(sub)
                        .audience("app")
                        .jwtID(UUID.randomUUID().toString())
                        .claim("upn", sub + "@corp")
                        .claim("groups", List.of("staff", "dev"))));
    }

    JsonNode explain(String idpId, String body) {
        TestHttp.Response answer = http.post("/admin/v1/idps/" + idpId + "/_test", body, adminToken());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    JsonNode explainJwt(String idpId, String jwt) {
        return explain(idpId, "{\"jwt\":\"" + jwt + "\"}");
    }

    List<Long> writes() {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("bridge_user", "user_link", "used_token_id", "audit_event")) {
            counts.add(
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        counts.add(auditLog.latestSequence());
        return counts;
    }

    static Map<String, String> results(JsonNode answer) {
        Map<String, String> results = new java.util.LinkedHashMap<>();
        answer.get("checks")
                .forEach(check -> results.put(
                        check.get("check").asString(), check.get("result").asString()));
        return results;
    }

    @Test
    void anAcceptedTokenIsExplainedWithoutWritingAndALoginThenAgrees(CapturedOutput output) {
        String idpId = createIdp(gateway, ISSUER, KEYS.keysUrl(), HEADER, POLICY);
        String sub = user();
        token = token(sub, c -> c);
        List<Long> before = writes();

        JsonNode answer = explainJwt(idpId, token);

        assertThat(writes()).isEqualTo(before);
        assertThat(answer.get("verdict").asString()).isEqualTo("ACCEPTED");
        assertThat(answer.get("reason").isNull()).isTrue();
        assertThat(results(answer).keySet())
                .containsExactly(
                        "source",
                        "parse",
                        "algorithm",
                        "key",
                        "signature",
                        "issuer",
                        "audience",
                        "expiry",
                        "not_before",
                        "max_age",
                        "jti",
                        "signer",
                        "required_claims",
                        "subject");
        assertThat(results(answer).values()).containsOnly("PASS");
        JsonNode user = answer.get("user");
        assertThat(user.get("action").asString()).isEqualTo("CREATE");
        assertThat(user.get("userName").asString()).isEqualTo(sub + "@corp");
        assertThat(user.get("roles").toString()).isEqualTo("[\"staff\",\"dev\"]");
        JsonNode claims = answer.get("claims");
        assertThat(claims.get("preferred_username").asString()).isEqualTo(sub + "@corp");
        assertThat(claims.get("idp").asString()).isEqualTo(idpId);
        assertThat(claims.get("amr").toString()).isEqualTo("[\"ext\"]");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"staff\",\"dev\"]");
        assertThat(claims.has("sub")).isFalse();
        assertThat(answer.toString()).doesNotContain(token);

        // The same token at a real login: accepted, and the user is the one the dry run described.
        Login login = login(gateway, sub, app, idpId);
        JWTClaimsSet idToken = claims(tokens(app, login).json().get("id_token").asString());
        assertThat(idToken.getClaim("preferred_username")).isEqualTo(sub + "@corp");

        // Now the user exists and the jti is used: both the dry run and a login say replayed.
        JsonNode again = explainJwt(idpId, token);
        assertThat(again.get("verdict").asString()).isEqualTo("REFUSED");
        assertThat(again.get("reason").asString()).isEqualTo("replayed");
        assertThat(results(again)).containsEntry("jti", "FAIL").containsEntry("signature", "PASS");
        assertThat(login(gateway, sub, app, idpId).reason()).isEqualTo("replayed");
        JsonNode fresh = explainJwt(idpId, token(sub, c -> c));
        assertThat(fresh.get("user").get("action").asString()).isEqualTo("EXISTING");
        assertThat(fresh.get("user").get("userId").asString()).isEqualTo(idToken.getSubject());
        assertThat(fresh.get("claims").get("sub").asString()).isEqualTo(idToken.getSubject());
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void refusedTokensGetTheVerdictALoginGives() {
        String idpId = createIdp(gateway, ISSUER, KEYS.keysUrl(), HEADER, POLICY);
        Instant now = Instant.now();
        List<UnaryOperator<JWTClaimsSet.Builder>> faults = List.of(
                c -> c.expirationTime(Date.from(now.minusSeconds(600))),
                c -> c.audience("other"),
                c -> c.issueTime(Date.from(now.minusSeconds(3600))),
                c -> c.jwtID(null),
                c -> c.claim("groups", List.of("dev")),
                c -> c.issuer("https://evil.example.com"));
        for (UnaryOperator<JWTClaimsSet.Builder> fault : faults) {
            String sub = user();
            token = token(sub, fault);
            List<Long> before = writes();
            JsonNode answer = explainJwt(idpId, token);
            assertThat(writes()).isEqualTo(before);
            assertThat(answer.get("verdict").asString()).isEqualTo("REFUSED");
            assertThat(results(answer)).containsValue("FAIL");
            assertThat(answer.get("user").get("action").asString()).isEqualTo("REFUSE");
            assertThat(login(gateway, sub, app, idpId).reason())
                    .isEqualTo(answer.get("reason").asString());
        }
    }

    @Test
    void headersAndCookiesTestTheTokenSources() {
        String idpId = createIdp(
                gateway,
                ISSUER,
                KEYS.keysUrl(),
                HEADER,
                "{\"tokenSources\":[{\"in\":\"HEADER\",\"name\":\"X-Gw\",\"prefix\":\"Bearer \"},"
                        + "{\"in\":\"COOKIE\",\"name\":\"gw\"}]}");
        String jwt = jwt(RSA_KEY, c -> c.subject(user()));

        JsonNode viaHeader = explain(idpId, "{\"headers\":{\"x-gw\":\"Bearer " + jwt + "\"}}");
        assertThat(viaHeader.get("verdict").asString()).isEqualTo("ACCEPTED");
        JsonNode viaCookie = explain(idpId, "{\"cookies\":{\"gw\":\"" + jwt + "\"}}");
        assertThat(viaCookie.get("verdict").asString()).isEqualTo("ACCEPTED");
        JsonNode none = explain(idpId, "{\"headers\":{\"x-other\":\"" + jwt + "\"}}");
        assertThat(none.get("reason").asString()).isEqualTo("missing_token");
        assertThat(results(none)).containsEntry("source", "FAIL").containsEntry("signature", "SKIPPED");
    }

    @Test
    void theUserActionFollowsTheProviderOptions() {
        String sub = user();
        String confirm = provider("{\"isCreationAllowed\":true}");
        assertThat(explainJwt(confirm, token(sub, c -> c))
                        .get("user")
                        .get("action")
                        .asString())
                .isEqualTo("CONFIRM");
        String refuse = provider("{}");
        JsonNode refused = explainJwt(refuse, token(sub, c -> c));
        assertThat(refused.get("user").get("action").asString()).isEqualTo("REFUSE");
        assertThat(refused.get("reason").asString()).isEqualTo("unknown_user");
        assertThat(results(refused).values()).containsOnly("PASS");
    }

    String provider(String options) {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/generic_jwt",
                "{\"name\":\"idp-" + UUID.randomUUID() + "\",\"jwtEndpoint\":\"" + gateway.jwtEndpoint()
                        + "\",\"issuer\":\"" + ISSUER + "\",\"keysEndpoint\":\"" + KEYS.keysUrl()
                        + "\",\"headerName\":\"" + HEADER + "\",\"providerOptions\":" + options + "}",
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    @Test
    void anUnknownIdpIs404AndAnEmptyBodyIs400() {
        assertThat(http.post("/admin/v1/idps/1/_test", "{\"jwt\":\"a.b.c\"}", adminToken())
                        .status())
                .isEqualTo(404);
        String idpId = createIdp(gateway, ISSUER, KEYS.keysUrl(), HEADER, null);
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_test", "{}", adminToken())
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_test", "{\"jwt\":\"a.b.c\"}", null)
                        .status())
                .isEqualTo(401);
    }
}
