package io.jwtbridge.app;

import io.jwtbridge.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which redirect and post-logout redirect URIs an app may register: absolute, no fragment, ASCII
 * only (percent-encode the rest) and no comma, because the Authorization Server stores a client's
 * redirect URIs joined with commas and compares them as strings.
 */
final class RedirectUriRules {

    private RedirectUriRules() {}

    static boolean accepts(String uri) {
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute()
                    || parsed.isOpaque()
                    || parsed.getRawFragment() != null
                    || (parsed.getScheme().matches("(?i)https?") && parsed.getHost() == null)
                    || uri.contains(",")
                    || !parsed.toASCIIString().equals(uri)) {
                return false;
            }
            // Spring's URI rules, which the Authorization Server applies to redirect and
            // post-logout URIs, are stricter than java.net.URI's (e.g. [ and ] in the query).
            UriComponentsBuilder.fromUriString(uri).build(true);
            return true;
        } catch (URISyntaxException | IllegalArgumentException ex) {
            return false;
        }
    }

    /** Refuses the first URI of {@code field} that is not accepted. */
    static void check(String field, List<String> uris) {
        for (String uri : uris) {
            if (!accepts(uri)) {
                throw ApiException.invalidArgument(
                        "APP-InvalidRedirectUri",
                        "invalid " + field + ": each must be an absolute URI in ASCII, without a fragment or a comma");
            }
        }
    }
}
