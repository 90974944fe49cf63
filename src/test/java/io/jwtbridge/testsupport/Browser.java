package io.jwtbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A browser: its own cookie jar, follows redirects itself, stops at the app's redirect_uri. */
public final class Browser {

    /**
     * Cookies kept and sent back as browsers do (RFC 6265). The JDK takes a {@code Set-Cookie} with
     * {@code Max-Age} for an RFC 2965 cookie, which it would send back as {@code $Version="1";
     * name="value"}: a quoted value no browser sends.
     */
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL) {
        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            super.put(uri, responseHeaders);
            getCookieStore().getCookies().forEach(cookie -> cookie.setVersion(0));
        }
    };

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Logs this browser in at the WAF as the given user (the WAF's own session cookie). */
    public void loggedInAtWaf(SimulatedWaf waf, String user) {
        HttpCookie cookie = new HttpCookie(SimulatedWaf.SESSION_COOKIE, user);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(waf.uri(), cookie);
    }

    public record Hop(String url, int status, String location, String body) {}

    /**
     * The {@code sid} an ID token gives this browser's session at the bridge: base64url(SHA-256) of
     * the session id, which Spring Session's {@code SESSION} cookie holds base64-encoded.
     */
    public String sid() {
        String cookie = cookies.getCookieStore().getCookies().stream()
                .filter(candidate -> candidate.getName().equals("SESSION"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bridge session in this browser"))
                .getValue();
        byte[] sessionId = Base64.getDecoder().decode(cookie);
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(sessionId));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public HttpResponse<String> get(String url) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Follows redirects from {@code url} until a non-redirect or a URL starting with one of {@code stopAt}. */
    public List<Hop> follow(String url, String... stopAt) {
        List<Hop> hops = new ArrayList<>();
        String next = url;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = get(next);
            String location = response.headers()
                    .firstValue("Location")
                    .map(l -> resolve(response.uri(), l))
                    .orElse(null);
            hops.add(new Hop(next, response.statusCode(), location, response.body()));
            if (location == null
                    || response.statusCode() / 100 != 3
                    || java.util.Arrays.stream(stopAt).anyMatch(location::startsWith)) {
                return hops;
            }
            next = location;
        }
        throw new AssertionError("Too many redirects: " + hops);
    }

    public static String resolve(URI base, String location) {
        return base.resolve(location).toString();
    }
}
