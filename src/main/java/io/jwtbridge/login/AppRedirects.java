package io.jwtbridge.login;

import org.springframework.web.util.UriComponentsBuilder;

/** The answers the app gets at its redirect_uri (RFC 6749 §4.1.2, RFC 9207 {@code iss}). */
final class AppRedirects {

    private AppRedirects() {}

    static String accessDenied(String redirectUri, String state, String description, String issuer) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
                .queryParam("error", "access_denied")
                .queryParam("error_description", description);
        if (state != null) {
            uri.queryParam("state", state);
        }
        return uri.queryParam("iss", issuer).encode().build().toUriString();
    }
}
