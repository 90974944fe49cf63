package io.jwtbridge.login;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.web.util.UriUtils;

/**
 * Query strings the bridge writes itself (the resumed authorize request, the login page's links,
 * the answers to the app): every name and value percent-encoded strictly. A lenient encoder leaves
 * {@code +} as it is, which the reader decodes as a space: an app's state or nonce holding a
 * {@code +} (standard base64 does) came back changed.
 */
final class QueryStrings {

    private QueryStrings() {}

    /** {@code name=value&...}, in the map's order, every value of a name. */
    static String of(Map<String, String[]> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            for (String value : values) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return query.toString();
    }

    /** Everything but RFC 3986's unreserved characters percent-encoded. */
    static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
