package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Parallel;
import io.jwtbridge.testsupport.TestHttp;
import io.jwtbridge.testsupport.WafLoginTests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;

/** A refresh token is claimed by one refresh, and a refresh never brings a deleted grant back. */
class RefreshRaceTests extends WafLoginTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OAuth2AuthorizationService authorizations;

    @AfterEach
    void tearDown() {
        waf.close();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void parallelRefreshesOfOneRefreshTokenGiveExactlyOneNewTokenSet() throws Exception {
        String refreshToken =
                tokens("nina-" + UUID.randomUUID()).get("refresh_token").asString();
        List<TestHttp.Response> responses = Parallel.run(8, () -> refresh(app, refreshToken));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 400)
                .hasSize(7)
                .allSatisfy(r -> assertThat(r.json().get("error").asString()).isEqualTo("invalid_grant"));
    }

    @Test
    void aRefreshThatFoundItsGrantBeforeADeactivationDoesNotBringItBack() throws Exception {
        JsonNode tokens = tokens("owen-" + UUID.randomUUID());
        String userId = SignedJWT.parse(tokens.get("id_token").asString())
                .getJWTClaimsSet()
                .getSubject();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(tokenRequest()));
        // The refresh has found its grant...
        OAuth2Authorization found =
                authorizations.findByToken(tokens.get("refresh_token").asString(), OAuth2TokenType.REFRESH_TOKEN);
        assertThat(found).isNotNull();
        // ...then the user is deactivated, which deletes the user's grants...
        assertThat(http.post("/admin/v1/users/" + userId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        // ...and then the refresh stores its new tokens.
        OAuth2Authorization refreshed = OAuth2Authorization.from(found)
                .token(new OAuth2RefreshToken(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        Instant.now().plus(Duration.ofDays(1))))
                .build();

        assertThatThrownBy(() -> authorizations.save(refreshed))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        ex -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = :user")
                        .param("user", userId)
                        .query(Integer.class)
                        .single())
                .as("the deleted grant stays deleted")
                .isZero();
    }

    private static MockHttpServletRequest tokenRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth/v2/token");
        request.setServletPath("/oauth/v2/token");
        return request;
    }

    private JsonNode tokens(String user) {
        TestHttp.Response tokens = loginAndRedeem(waf, user, app, idpId);
        assertThat(tokens.json().has("refresh_token")).isTrue();
        return tokens.json();
    }
}
