package io.jwtbridge.load;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One virtual browser's cookies. All servers of the run are on one host, where browsers share
 * cookies across ports too, so one jar per browser is what a browser does.
 */
final class Cookies {

    private final Map<String, String> values = new LinkedHashMap<>();

    void set(String name, String value) {
        values.put(name, value);
    }

    /** Takes the response's Set-Cookie headers: a cookie with Max-Age=0 is removed. */
    void update(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            int semicolon = header.indexOf(';');
            String pair = semicolon < 0 ? header : header.substring(0, semicolon);
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String attributes = semicolon < 0 ? "" : header.substring(semicolon).toLowerCase(Locale.ROOT);
            if (attributes.contains("max-age=0")) {
                values.remove(name);
            } else {
                values.put(name, pair.substring(equals + 1).trim());
            }
        }
    }

    /** The Cookie header to send, or null when there is none. */
    String header() {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder header = new StringBuilder();
        values.forEach((name, value) -> {
            if (!header.isEmpty()) {
                header.append("; ");
            }
            header.append(name).append('=').append(value);
        });
        return header.toString();
    }

    /** The value of one cookie in a Cookie request header. */
    static String valueIn(String cookieHeader, String name) {
        if (cookieHeader == null) {
            return null;
        }
        for (String pair : cookieHeader.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                return pair.substring(equals + 1).trim();
            }
        }
        return null;
    }
}
