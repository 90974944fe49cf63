package io.jwtbridge.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated WAF of the load run: it publishes its public key at {@code /keys} and, on
 * {@code /auth/jwt} (the IdP's JWT endpoint), reads the browser's WAF session cookie, puts a JWT
 * for that user into the configured header and forwards the request to the bridge's JWT handler,
 * relaying the bridge's answer. Like a real gateway it holds one JWT per logged-in user and reuses
 * it until it nears expiry, so returning users cost it no signature; a new user gets a fresh one.
 */
final class LoadWaf implements AutoCloseable {

    static final String ISSUER = "https://load-waf.example.com";
    static final String SESSION_COOKIE = "waf_session";
    static final String HEADER = "x-load-waf-jwt";

    private final JWK key;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final URI jwtHandler;
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    final AtomicLong keyRequests = new AtomicLong();
    final AtomicLong signatures = new AtomicLong();
    private volatile boolean keysDown;

    private record Token(String value, Instant renewAfter) {}

    LoadWaf(String alg, String bridgeBase, int threads) throws Exception {
        this.algorithm = JWSAlgorithm.parse(alg);
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("load-rsa-" + UUID.randomUUID()).generate();
            key = rsa;
            signer = new RSASSASigner(rsa);
        } else if (JWSAlgorithm.ES256.equals(algorithm)) {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("load-ec-" + UUID.randomUUID()).generate();
            key = ec;
            signer = new ECDSASigner(ec);
        } else {
            throw new IllegalArgumentException("alg must be RS256 or ES256, not " + alg);
        }
        this.jwtHandler = URI.create(bridgeBase + "/ui/login/login/jwt/authorize");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.executor = Executors.newFixedThreadPool(threads);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/keys", exchange -> {
            keyRequests.incrementAndGet();
            if (keysDown) {
                send(exchange, 503, "text/plain", "keys endpoint down (chaos)");
                return;
            }
            send(exchange, 200, "application/json", jwks);
        });
        // The chaos run's switch: GET /control/keys?down=true|false (only on 127.0.0.1).
        server.createContext("/control/keys", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            keysDown = "down=true".equals(query);
            send(exchange, 200, "text/plain", keysDown ? "keys down" : "keys up");
        });
        server.createContext("/auth/jwt", this::forward);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwtEndpoint() {
        return base() + "/auth/jwt";
    }

    String keysEndpoint() {
        return base() + "/keys";
    }

    /** Logs a user in at the WAF ahead of the run (what the existing application did earlier). */
    void prepare(String user) {
        tokenFor(user);
    }

    private String tokenFor(String user) {
        Instant now = Instant.now();
        Token token = tokens.get(user);
        if (token == null || now.isAfter(token.renewAfter())) {
            token = new Token(sign(user, now), now.plus(Duration.ofMinutes(50)));
            tokens.put(user, token);
        }
        return token.value();
    }

    private String sign(String user, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("preferred_username", user)
                .claim("email", user + "@load.example.com")
                .claim("email_verified", true)
                .claim("name", "Load " + user)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        signatures.incrementAndGet();
        return jwt.serialize();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String user = Cookies.valueIn(exchange.getRequestHeaders().getFirst("Cookie"), SESSION_COOKIE);
            if (user == null) {
                send(exchange, 401, "text/plain", "not logged in at the WAF");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest request = HttpRequest.newBuilder(URI.create(jwtHandler + (query == null ? "" : "?" + query)))
                    .header(HEADER, tokenFor(user))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build();
            HttpResponse<String> answer;
            try {
                answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                send(exchange, 502, "text/plain", "interrupted");
                return;
            } catch (IOException ex) {
                send(exchange, 502, "text/plain", "bridge unreachable: " + ex.getClass().getSimpleName());
                return;
            }
            answer.headers()
                    .firstValue("Location")
                    .ifPresent(location -> exchange.getResponseHeaders().set("Location", location));
            answer.headers().allValues("Set-Cookie").forEach(cookie -> exchange.getResponseHeaders()
                    .add("Set-Cookie", cookie));
            send(
                    exchange,
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse("text/plain"),
                    answer.body());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
