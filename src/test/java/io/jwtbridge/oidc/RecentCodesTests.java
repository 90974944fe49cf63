package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The in-memory codes are bounded by size as well as by count. */
class RecentCodesTests {

    static final RegisteredClient CLIENT = RegisteredClient.withId("c")
            .clientId("c")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("https://app.example.com/cb")
            .build();

    @Test
    void bigAuthorizationsPushTheOldestOutBeforeTheBytesRunOver() {
        RecentCodes codes = new RecentCodes();
        String first = "first";
        codes.put(first, authorization(Duration.ofMinutes(5)), 1);
        for (int i = 0; i < 100; i++) {
            codes.put("big-" + i, authorization(Duration.ofMinutes(5)), 1024 * 1024);
        }

        assertThat(codes.bytes()).isLessThanOrEqualTo(RecentCodes.MAX_BYTES);
        assertThat(codes.size()).isBetween(1, 8);
        assertThat(codes.get(first)).isNull();
        assertThat(codes.get("big-99")).isNotNull();
    }

    @Test
    void expiredCodesGoFirstAndRemovalGivesTheBytesBack() {
        RecentCodes codes = new RecentCodes();
        codes.put("expired", authorization(Duration.ofMinutes(-1)), 10);
        codes.put("live", authorization(Duration.ofMinutes(5)), 10);
        codes.put("other", authorization(Duration.ofMinutes(5)), 10);

        assertThat(codes.get("expired")).isNull();
        assertThat(codes.size()).isEqualTo(2);
        codes.remove("live");
        codes.remove("other");
        assertThat(codes.bytes()).isZero();
    }

    private static OAuth2Authorization authorization(Duration lifetime) {
        Instant expires = Instant.now().plus(lifetime);
        return OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(UUID.randomUUID().toString())
                .principalName("p")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .token(new OAuth2AuthorizationCode(
                        UUID.randomUUID().toString(), expires.minus(Duration.ofMinutes(5)), expires))
                .build();
    }
}
