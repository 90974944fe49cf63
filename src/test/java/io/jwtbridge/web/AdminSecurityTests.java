package io.jwtbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.Ids;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

class AdminSecurityTests extends IntegrationTests {

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noTokenIs401InZitadelsShape() {
        TestHttp.Response response = http.get("/admin/v1/idps/1", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        JsonNode error = response.json();
        assertThat(error.get("code").asInt()).isEqualTo(16);
        assertThat(error.get("status").asInt()).isEqualTo(401);
        assertThat(error.get("message").asString()).isNotBlank();
    }

    @Test
    void garbageOrForeignTokensAre401() {
        assertThat(http.post("/admin/v1/idps/_search", "{}", "not-a-jwt").status())
                .isEqualTo(401);
        // Signed by the bridge's key but for another issuer.
        String foreign = jwtEncoder
                .encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
                        .issuer("https://evil.example.com")
                        .subject(ADMIN_CLIENT_ID)
                        .claim("scope", "admin")
                        .expiresAt(Instant.now().plusSeconds(60))
                        .build()))
                .getTokenValue();
        assertThat(http.post("/admin/v1/idps/_search", "{}", foreign).status()).isEqualTo(401);
        String expired = jwtEncoder
                .encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
                        .issuer(BASE)
                        .subject(ADMIN_CLIENT_ID)
                        .claim("scope", "admin")
                        .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                        .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                        .build()))
                .getTokenValue();
        assertThat(http.post("/admin/v1/idps/_search", "{}", expired).status()).isEqualTo(401);
    }

    @Test
    void tokenWithoutAdminScopeIs403() {
        String token = storedTokenWithoutAdminScope();

        TestHttp.Response response = http.post("/admin/v1/idps/_search", "{}", token);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asInt()).isEqualTo(7);
        assertThat(http.post("/admin/v1/idps/jwt", "{}", token).status()).isEqualTo(403);
    }

    @Test
    void zitadelApiScopeIsASynonymOfAdmin() {
        String token = clientCredentialsToken(
                ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "openid urn:zitadel:iam:org:project:id:zitadel:aud");

        assertThat(http.post("/admin/v1/idps/_search", "{}", token).status()).isEqualTo(200);
    }

    @Test
    void adminClientCannotHaveScopesItWasNotGivenNorAWrongSecret() {
        assertThat(http.tokenRequest(
                                ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "grant_type=client_credentials&scope=superuser")
                        .status())
                .isEqualTo(400);
        TestHttp.Response wrongSecret =
                http.tokenRequest(ADMIN_CLIENT_ID, "wrong", "grant_type=client_credentials&scope=admin");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void aRevokedAdminTokenIsRefusedAtOnce() {
        String token = clientCredentialsToken(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "admin");
        assertThat(http.post("/admin/v1/idps/_search", "{}", token).status()).isEqualTo(200);

        TestHttp.Response revoked = http.clientPost(
                "/oauth/v2/revoke", ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "token=" + TestHttp.urlEncode(token));

        assertThat(revoked.status()).isEqualTo(200);
        TestHttp.Response refused = http.post("/admin/v1/idps/_search", "{}", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asInt()).isEqualTo(16);
        assertThat(http.post("/admin/v1/idps/_search", "{}", adminToken()).status())
                .as("other admin tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void anAdminTokenWhoseGrantIsGoneIsRefused() {
        String token = clientCredentialsToken(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "admin");
        assertThat(http.post("/admin/v1/idps/_search", "{}", token).status()).isEqualTo(200);

        jdbc.sql("delete from oauth2_authorization where access_token_value = :hash")
                .param("hash", "sha256:" + Ids.sha256(token))
                .update();

        assertThat(http.post("/admin/v1/idps/_search", "{}", token).status()).isEqualTo(401);
    }

    @Test
    void tokenAnswersAreNotCached() {
        TestHttp.Response response =
                http.tokenRequest(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "grant_type=client_credentials&scope=admin");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
    }

    @Test
    void adminClientSecretIsStoredHashed() {
        RegisteredClient admin = clients.findByClientId(ADMIN_CLIENT_ID);

        assertThat(admin.getClientSecret()).doesNotContain(ADMIN_CLIENT_SECRET).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches(ADMIN_CLIENT_SECRET, admin.getClientSecret()))
                .isTrue();
    }

    @Test
    void healthIsPublicButOtherActuatorEndpointsAreNot() {
        TestHttp.Response health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("postgres").doesNotContain("jdbc");

        assertThat(http.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(http.get("/actuator/env", null).status()).isEqualTo(401);
        assertThat(http.get("/actuator/metrics", adminToken()).status()).isEqualTo(200);
    }

    @Test
    void openApiDocumentDescribesTheAdminApi() {
        TestHttp.Response docs = http.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/admin/v1/idps/jwt")).isTrue();
        assertThat(paths.has("/admin/v1/idps/{id}")).isTrue();
        assertThat(paths.has("/admin/v1/idps/_search")).isTrue();
        assertThat(paths.has("/admin/v1/idps/{id}/jwt_config")).isTrue();
        assertThat(http.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
