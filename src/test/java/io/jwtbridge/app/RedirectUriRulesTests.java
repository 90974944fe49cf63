package io.jwtbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtbridge.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUriRulesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/cb",
                "http://localhost:8080/login/oauth2/code/bridge",
                "https://app.example.com/cb?tenant=a&x=1",
                "https://app.example.com/call%20back",
                "https://app.example.com/callb%C3%A4ck",
                "https://[::1]:8443/cb",
                "https://app.example.com",
                "HTTPS://APP.EXAMPLE.COM/cb",
                "com.example.app:/oauth2redirect",
                "myapp://callback",
                "http://127.0.0.1:51000/"
            })
    void accepts(String uri) {
        assertThat(RedirectUriRules.accepts(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/relative",
                "cb",
                "//app.example.com/cb",
                "https://app.example.com/cb#fragment",
                "https://app.example.com/cb#",
                "https://a.example.com/cb,https://b.example.com/cb",
                "https://app.example.com/cb?a=1,2",
                "https://app.example.com/callbäck",
                "https://app.exämple.com/cb",
                "https://app.example.com/cb?a[]=1",
                "https://app.example.com/call back",
                "https:///cb",
                "https:/cb",
                "http:cb",
                "mailto:someone@example.com",
                "urn:ietf:wg:oauth:2.0:oob",
                "https://app.example.com/%zz",
                ""
            })
    void refuses(String uri) {
        assertThat(RedirectUriRules.accepts(uri)).isFalse();
    }

    @Test
    void checkNamesTheFieldOfTheFirstRefusedUri() {
        assertThatThrownBy(() -> RedirectUriRules.check(
                        "postLogoutRedirectUris", List.of("https://app.example.com/bye", "/bye")))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.id()).isEqualTo("APP-InvalidRedirectUri");
                    assertThat(ex.getMessage())
                            .isEqualTo("invalid postLogoutRedirectUris: each must be an absolute URI in ASCII,"
                                    + " without a fragment or a comma");
                });
    }

    @Test
    void checkPassesAcceptedAndNoUris() {
        assertThatNoException()
                .isThrownBy(() -> RedirectUriRules.check(
                        "redirectUris", List.of("https://app.example.com/cb", "myapp://callback")));
        assertThatNoException().isThrownBy(() -> RedirectUriRules.check("redirectUris", List.of()));
    }
}
