package io.jwtbridge.login;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the app gets at its redirect_uri (RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207
 * {@code iss}), from the Authorization Server's endpoint and from the bridge's own login steps
 * alike: every value percent-encoded strictly (a {@code +} in the state is {@code %2B}, not a
 * space to the app), {@code state} only when the app sent one.
 */
public final class AppRedirects {

    private AppRedirects() {}

    /** The code for the app. */
    public static String code(String redirectUri, String code, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        return answer(redirectUri, parameters, state, issuer);
    }

    /** An error for the app; {@code description} and {@code errorUri} may be null. */
    public static String error(
            String redirectUri, String error, String description, String errorUri, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        parameters.put("error_uri", errorUri);
        return answer(redirectUri, parameters, state, issuer);
    }

    static String accessDenied(String redirectUri, String state, String description, String issuer) {
        return error(redirectUri, "access_denied", description, null, state, issuer);
    }

    private static String answer(String redirectUri, Map<String, String> parameters, String state, String issuer) {
        Map<String, String[]> query = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.put(name, new String[] {value});
            }
        });
        if (state != null && !state.isEmpty()) {
            query.put("state", new String[] {state});
        }
        query.put("iss", new String[] {issuer});
        // Appended to the registered URI as it is (it has no fragment; a query of its own is
        // kept), so no URI parser's rules can refuse an app's answer.
        return redirectUri + (redirectUri.indexOf('?') < 0 ? "?" : "&") + QueryStrings.of(query);
    }
}
