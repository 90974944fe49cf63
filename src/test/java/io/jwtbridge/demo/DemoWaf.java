package io.jwtbridge.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The demo's WAF in front of an "existing application": it keeps a session cookie of
 * the existing app (set at once, so the demo needs no typing), publishes its keys, and on the JWT
 * endpoint forwards the request to the bridge's JWT handler with a JWT for the demo user in
 * {@code x-custom-tkn}, relaying the bridge's redirect to the browser, as a real WAF does.
 */
final class DemoWaf {

    static final String HEADER = "x-custom-tkn";
    static final String ISSUER = "https://demo-waf.local";
    static final String SESSION_COOKIE = "demo_waf_session";
    static final String USER = "demo.user";

    private final RSAKey key;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile String bridge;

    DemoWaf() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID("demo-waf-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    void bridge(String bridge) {
        this.bridge = bridge;
    }

    ServerResponse keys(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new JWKSet(key).toPublicJWKSet().toString());
    }

    ServerResponse existingApp(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .header("Set-Cookie", sessionCookie())
                .body("""
                        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Existing application</title></head>
                        <body><main><h1>Existing application</h1><p>You are logged in here as <strong>%s</strong>;
                        the WAF holds your session.</p><p><a href="/demo/app">Open the new application</a></p></main></body></html>
                        """.formatted(USER));
    }

    /** The JWT endpoint: what the WAF does on the path the bridge redirects browsers to. */
    ServerResponse jwtEndpoint(ServerRequest request) throws IOException, InterruptedException {
        String query = request.uri().getRawQuery();
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(
                                URI.create(bridge + "/ui/login/login/jwt/authorize?" + (query == null ? "" : query)))
                        .timeout(Duration.ofSeconds(10))
                        .header(HEADER, "Bearer " + jwt())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        ServerResponse.BodyBuilder relay =
                ServerResponse.status(HttpStatus.valueOf(answer.statusCode())).header("Set-Cookie", sessionCookie());
        answer.headers().firstValue("Location").ifPresent(location -> relay.header("Location", location));
        answer.headers().firstValue("Content-Type").ifPresent(type -> relay.header("Content-Type", type));
        return relay.body(answer.body());
    }

    private String jwt() {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(ISSUER)
                            .subject(USER)
                            .issueTime(new Date())
                            .expirationTime(Date.from(Instant.now().plusSeconds(120)))
                            .claim("preferred_username", USER)
                            .claim("email", "demo.user@example.com")
                            .claim("email_verified", true)
                            .claim("given_name", "Demo")
                            .claim("family_name", "User")
                            .claim("name", "Demo User")
                            .claim("locale", "en")
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String sessionCookie() {
        return ResponseCookie.from(SESSION_COOKIE, USER)
                .httpOnly(true)
                .sameSite("Lax")
                .path("/demo/waf")
                .build()
                .toString();
    }
}
