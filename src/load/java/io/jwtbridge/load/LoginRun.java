package io.jwtbridge.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One complete login of one browser, hop by hop, as an app and a browser do it: authorize with
 * the IdP scope, the WAF's JWT endpoint (which calls the bridge's JWT handler), the callback that
 * answers with the code, and the app's token request with PKCE.
 */
final class LoginRun {

    /** The hops of a login, in order; each is one HTTP request of the browser or the app. */
    enum Hop {
        AUTHORIZE,
        WAF_JWT,
        CALLBACK,
        TOKEN
    }

    /** A login that did not complete: at which hop, and what was seen. */
    static final class Failure extends Exception {
        final Hop hop;

        Failure(Hop hop, String kind) {
            super(kind, null, false, false);
            this.hop = hop;
        }

        String kind() {
            return hop + ": " + getMessage();
        }
    }

    private static final String REDIRECT_URI = "http://127.0.0.1:9/load/callback";

    private final HttpClient http;
    private final String bridge;
    private final String issuer;
    private final String clientId;
    private final String basicAuth;
    private final String scope;
    private final String wafJwtEndpoint;

    LoginRun(HttpClient http, String bridge, String issuer, String clientId, String clientSecret, String idpId,
            String wafJwtEndpoint) {
        this.http = http;
        this.bridge = bridge;
        this.issuer = issuer;
        this.clientId = clientId;
        this.basicAuth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.scope = "openid profile email urn:zitadel:iam:org:idp:id:" + idpId;
        this.wafJwtEndpoint = wafJwtEndpoint;
    }

    static String redirectUri() {
        return REDIRECT_URI;
    }

    /**
     * Runs a login of {@code user} in a fresh browser; {@code hopNanos[hop]} receives each hop's
     * latency.
     */
    String login(String user, long[] hopNanos) throws Failure, InterruptedException {
        return login(user, hopNanos, null);
    }

    /**
     * Runs a login as {@link #login(String, long[])}; with a {@code racer}, the code is redeemed at
     * this bridge and at the racer's at once (the racer's answer is {@link #racedRedemptions}
     * counted, never a failure). Returns the ID token's {@code sub}.
     */
    String login(String user, long[] hopNanos, LoginRun racer) throws Failure, InterruptedException {
        Cookies browser = new Cookies();
        browser.set(LoadWaf.SESSION_COOKIE, user);
        String state = random();
        String verifier = random() + random();
        URI authorize = URI.create(bridge + "/oauth/v2/authorize?response_type=code&client_id=" + form(clientId)
                + "&redirect_uri=" + form(REDIRECT_URI) + "&scope=" + form(scope) + "&state=" + state + "&nonce="
                + random() + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");

        URI waf = redirect(Hop.AUTHORIZE, authorize, browser, hopNanos, wafJwtEndpoint);
        URI callback = redirect(Hop.WAF_JWT, waf, browser, hopNanos, bridge + "/ui/login/login/jwt/callback");
        URI app = redirect(Hop.CALLBACK, callback, browser, hopNanos, REDIRECT_URI);
        Map<String, String> answer = query(app);
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new Failure(Hop.CALLBACK, answer.containsKey("error") ? "error " + answer.get("error") : "no code");
        }
        if (racer == null) {
            return token(answer.get("code"), verifier, hopNanos);
        }
        CompletableFuture<String> raced = CompletableFuture.supplyAsync(() -> {
            try {
                return racer.token(answer.get("code"), verifier, new long[HOPS]);
            } catch (Failure ex) {
                return null;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        String sub;
        try {
            sub = token(answer.get("code"), verifier, hopNanos);
        } catch (Failure ex) {
            String racerSub = raced.join();
            if (racerSub != null) {
                return racerSub; // the racer redeemed it: one redemption, the login completed there
            }
            throw ex;
        }
        if (raced.join() != null) {
            racedRedemptions.incrementAndGet();
        }
        return sub;
    }

    private static final int HOPS = Hop.values().length;

    /** Codes that both redemptions of a race got tokens for: must stay 0. */
    static final AtomicLong racedRedemptions = new AtomicLong();

    private URI redirect(Hop hop, URI uri, Cookies browser, long[] hopNanos, String expected)
            throws Failure, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        String cookies = browser.header();
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        long start = System.nanoTime();
        HttpResponse<Void> response = send(hop, request.build(), HttpResponse.BodyHandlers.discarding());
        hopNanos[hop.ordinal()] = System.nanoTime() - start;
        browser.update(response);
        if (response.statusCode() != 302) {
            throw new Failure(hop, "status " + response.statusCode());
        }
        String location = response.headers().firstValue("Location").orElse("");
        URI next = uri.resolve(location);
        String nextText = onThisInstance(next.toString());
        if (!nextText.startsWith(expected)) {
            Map<String, String> error = query(next);
            throw new Failure(
                    hop, error.containsKey("error") ? "redirect with error " + error.get("error") : "unexpected redirect");
        }
        return URI.create(nextText);
    }

    /** The token request; returns the ID token's {@code sub}. */
    private String token(String code, String verifier, long[] hopNanos) throws Failure, InterruptedException {
        String body = "grant_type=authorization_code&code=" + form(code) + "&redirect_uri=" + form(REDIRECT_URI)
                + "&code_verifier=" + verifier;
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridge + "/oauth/v2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = send(Hop.TOKEN, request, HttpResponse.BodyHandlers.ofString());
        hopNanos[Hop.TOKEN.ordinal()] = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new Failure(Hop.TOKEN, "status " + response.statusCode());
        }
        if (!response.body().contains("\"id_token\"") || !response.body().contains("\"access_token\"")) {
            throw new Failure(Hop.TOKEN, "no id_token or access_token");
        }
        return subOf(response.body());
    }

    private static String subOf(String tokenResponse) {
        Matcher idToken =
                Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokenResponse);
        if (!idToken.find()) {
            return null;
        }
        String payload = new String(
                Base64.getUrlDecoder().decode(idToken.group(1).split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher sub =
                Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        return sub.find() ? sub.group(1) : null;
    }

    private <T> HttpResponse<T> send(Hop hop, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws Failure, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (IOException ex) {
            throw new Failure(hop, ex.getClass().getSimpleName());
        }
    }

    /** The bridge's redirects name its issuer; a run against several instances stays on one. */
    private String onThisInstance(String url) {
        return !bridge.equals(issuer) && url.startsWith(issuer) ? bridge + url.substring(issuer.length()) : url;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
