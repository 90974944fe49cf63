package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.SimulatedWaf.Forwarded;
import io.jwtbridge.testsupport.TestHttp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's upstream-JWT grants go through the same token policy as the browser login
 * (docs/login-flow.md#without-a-browser): one jti is accepted once across both ways in, and the
 * mapped roles are in the exchanged token.
 */
class TokenPolicyGrantTests extends TokenPolicyTestSupport {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    SimulatedWaf gateway;
    volatile String token;
    String issuer;

    @BeforeEach
    void setUp() {
        issuer = "https://gateway-" + UUID.randomUUID() + ".example.com";
        gateway = new SimulatedWaf(BASE, user -> Forwarded.header("x-tkn", token));
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    App service() {
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                "{\"name\":\"app-" + UUID.randomUUID() + "\",\"redirectUris\":[\"" + REDIRECT_URI + "\"],"
                        + "\"grantTypes\":[\"OIDC_GRANT_TYPE_AUTHORIZATION_CODE\",\"OIDC_GRANT_TYPE_TOKEN_EXCHANGE\"],"
                        + "\"accessTokenType\":\"OIDC_TOKEN_TYPE_JWT\"}",
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return new App(
                created.json().get("clientId").asString(),
                created.json().get("clientSecret").asString());
    }

    TestHttp.Response exchange(App app, String jwt) {
        return http.tokenRequest(
                app.clientId(),
                app.clientSecret(),
                "grant_type=" + TestHttp.urlEncode(EXCHANGE) + "&subject_token=" + TestHttp.urlEncode(jwt)
                        + "&subject_token_type=" + TestHttp.urlEncode(JWT_TYPE));
    }

    String jwt(String sub) {
        return sign(
                RSA_KEY,
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject(sub)
                        .jwtID(UUID.randomUUID().toString())
                        .claim("groups", List.of("staff"))
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(120)))
                        .build());
    }

    @Test
    void aJtiUsedAtTheTokenEndpointIsAReplayAtTheBrowserLoginAndTheOtherWayRound() {
        createIdp(
                gateway,
                issuer,
                KEYS.keysUrl(),
                "x-tkn",
                "{\"requireJti\":true,\"claimMapping\":{\"roles\":[\"/groups\"]}}");
        App service = service();
        String sub = user();

        token = jwt(sub);
        TestHttp.Response exchanged = exchange(service, token);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        JWTClaimsSet access = claims(exchanged.json().get("access_token").asString());
        assertThat(access.getClaim("roles")).isEqualTo(List.of("staff"));
        assertThat(access.getClaim("amr")).isEqualTo(List.of("ext"));
        TestHttp.Response again = exchange(service, token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(again.json().get("error_description").asString()).startsWith("replayed:");
    }

    @Test
    void aTokenUsedAtABrowserLoginCannotBeExchanged() {
        String idpId = createIdp(gateway, issuer, KEYS.keysUrl(), "x-tkn", "{\"requireJti\":true}");
        App service = service();
        token = jwt(user());

        assertThat(login(gateway, user(), webApp(), idpId).succeeded()).isTrue();
        TestHttp.Response exchanged = exchange(service, token);
        assertThat(exchanged.status()).isEqualTo(400);
        assertThat(exchanged.json().get("error_description").asString()).startsWith("replayed:");
    }
}
