package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DiscoveryTests extends IntegrationTests {

    @Test
    void discoveryListsZitadelsPaths() {
        TestHttp.Response response = http.get("/.well-known/openid-configuration", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode config = response.json();
        assertThat(config.get("issuer").asString()).isEqualTo(BASE);
        assertThat(config.get("authorization_endpoint").asString()).isEqualTo(BASE + "/oauth/v2/authorize");
        assertThat(config.get("token_endpoint").asString()).isEqualTo(BASE + "/oauth/v2/token");
        assertThat(config.get("jwks_uri").asString()).isEqualTo(BASE + "/oauth/v2/keys");
        assertThat(config.get("userinfo_endpoint").asString()).isEqualTo(BASE + "/oidc/v1/userinfo");
        assertThat(config.get("introspection_endpoint").asString()).isEqualTo(BASE + "/oauth/v2/introspect");
        assertThat(config.get("revocation_endpoint").asString()).isEqualTo(BASE + "/oauth/v2/revoke");
        assertThat(config.get("end_session_endpoint").asString()).isEqualTo(BASE + "/oidc/v1/end_session");
        assertThat(config.get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(config.get("authorization_response_iss_parameter_supported").asBoolean())
                .isTrue();
        assertThat(config.get("scopes_supported").toString()).contains("openid", "profile", "email");
    }

    @Test
    void accessTokensAreSignedWithAKeyServedByTheKeysEndpoint() throws Exception {
        JWKSet keys = JWKSet.parse(http.get("/oauth/v2/keys", null).body());
        assertThat(keys.getKeys()).isNotEmpty();
        assertThat(keys.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());

        JWSObject token = JWSObject.parse(adminToken());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());

        assertThat(key).isNotNull();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getPayload().toJSONObject().get("iss")).isEqualTo(BASE);
    }
}
