package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answers at the app's redirect_uri, for redirect URIs of every registered shape. */
class AppRedirectsTests {

    @Test
    void valuesAreEncodedStrictlyAndTheRegisteredQueryIsKept() {
        assertThat(AppRedirects.code("https://app.example.com/cb", "c0de", "a+b c", "https://login.example.com"))
                .isEqualTo("https://app.example.com/cb?code=c0de&state=a%2Bb%20c&iss=https%3A%2F%2Flogin.example.com");
        assertThat(AppRedirects.accessDenied("https://app.example.com/cb?tenant=7", "", "the JWT has expired", "i"))
                .as("an empty state is left out")
                .isEqualTo("https://app.example.com/cb?tenant=7&error=access_denied"
                        + "&error_description=the%20JWT%20has%20expired&iss=i");
    }

    @Test
    void aRegisteredUriThatSpringsParserRefusesStillGetsItsAnswer() {
        // Saved before such URIs were refused at registration: the answer must not fail.
        assertThat(AppRedirects.error("https://app.example.com/cb?a[]=1", "invalid_scope", null, null, "s", "i"))
                .isEqualTo("https://app.example.com/cb?a[]=1&error=invalid_scope&state=s&iss=i");
    }
}
