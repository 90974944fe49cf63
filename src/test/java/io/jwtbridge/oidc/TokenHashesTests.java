package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Tokens as the database keeps them: hashed, and only the one looked up shown again. */
class TokenHashesTests {

    static final RegisteredClient CLIENT = RegisteredClient.withId("c")
            .clientId("c")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("https://app/cb")
            .build();

    static OAuth2Authorization authorization() {
        Instant now = Instant.now();
        return OAuth2Authorization.withRegisteredClient(CLIENT)
                .principalName("u")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .token(new OAuth2AuthorizationCode("the-code", now, now.plusSeconds(60)))
                .accessToken(new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.BEARER, "the-access", now, now.plusSeconds(60), Set.of()))
                .refreshToken(new OAuth2RefreshToken("the-refresh", now, now.plusSeconds(60)))
                .build();
    }

    @Test
    void hidingHashesEveryTokenAndHidingTwiceChangesNothing() {
        OAuth2Authorization hidden = TokenHashes.hide(authorization());

        assertThat(hidden.getAccessToken().getToken().getTokenValue()).isEqualTo(TokenHashes.hash("the-access"));
        assertThat(hidden.getRefreshToken().getToken().getTokenValue()).isEqualTo(TokenHashes.hash("the-refresh"));
        assertThat(hidden.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue())
                .isEqualTo(TokenHashes.hash("the-code"));
        assertThat(TokenHashes.hide(hidden).getAccessToken().getToken().getTokenValue())
                .isEqualTo(TokenHashes.hash("the-access"));
    }

    @Test
    void revealingShowsOnlyTheTokenThatWasLookedUp() {
        OAuth2Authorization revealed = TokenHashes.reveal(TokenHashes.hide(authorization()), "the-refresh");

        assertThat(revealed.getRefreshToken().getToken().getTokenValue()).isEqualTo("the-refresh");
        assertThat(revealed.getAccessToken().getToken().getTokenValue()).isEqualTo(TokenHashes.hash("the-access"));
    }

    @Test
    void aValueThatLooksLikeAStoredHashMatchesNothing() {
        String stored = TokenHashes.hash("the-access");

        assertThat(TokenHashes.hash(stored)).isNotEqualTo(stored);
        assertThat(TokenHashes.reveal(TokenHashes.hide(authorization()), stored)
                        .getAccessToken()
                        .getToken()
                        .getTokenValue())
                .isEqualTo(stored);
    }

    @Test
    void nothingToRevealInNoAuthorization() {
        assertThat(TokenHashes.reveal(null, "x")).isNull();
    }
}
