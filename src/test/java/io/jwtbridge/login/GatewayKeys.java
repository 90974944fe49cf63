package io.jwtbridge.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway's key endpoints with their real URL shapes: a JWKS at a path (Cloudflare's
 * {@code /cdn-cgi/access/certs}, Google's {@code /iap/verify/public_key-jwk}, Pomerium's
 * {@code /.well-known/pomerium/jwks.json}), or one PEM per kid (AWS ALB's {@code /KID}); 404 for
 * anything else. Counts requests per path.
 */
final class GatewayKeys implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();

    GatewayKeys() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            total.incrementAndGet();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String body = bodies.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Serves the public keys as a JWKS at the path; its URL. */
    String jwks(String path, JWKSet keys) {
        bodies.put(path, keys.toPublicJWKSet().toString());
        return url(path);
    }

    /** Serves the EC public key as PEM at {@code prefix/kid}; the URL of the prefix. */
    String pem(String prefix, ECKey key) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toECPublicKey().getEncoded());
            bodies.put(
                    prefix + "/" + key.getKeyID(),
                    "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return url(prefix);
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
