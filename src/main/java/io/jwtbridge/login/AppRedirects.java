package io.jwtbridge.login;

import org.springframework.web.util.UriComponentsBuilder;

/** The answers the app gets at its redirect_uri (RFC 6749 §4.1.2, RFC 9207 {@code iss}). */
final class AppRedirects {

    private AppRedirects() {}

    /**
     * Every value is percent-encoded strictly (a {@code +} in the state is {@code %2B}, not a space
     * to the app), as the Authorization Server's own answers are.
     */
    static String accessDenied(String redirectUri, String state, String description, String issuer) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
                .queryParam("error", "access_denied")
                .queryParam("error_description", QueryStrings.encode(description));
        if (state != null) {
            uri.queryParam("state", QueryStrings.encode(state));
        }
        return uri.queryParam("iss", QueryStrings.encode(issuer)).build(true).toUriString();
    }
}
