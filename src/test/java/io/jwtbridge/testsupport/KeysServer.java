package io.jwtbridge.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A local JWKS endpoint (the IdP's keys) that counts its hits; plus an attacker's key URL. */
public final class KeysServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    public final AtomicInteger hits = new AtomicInteger();
    public final AtomicInteger attackerHits = new AtomicInteger();

    public KeysServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/keys", exchange -> {
            hits.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/attacker", exchange -> {
            attackerHits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    public void publish(JWKSet keys) {
        jwks.set(keys.toPublicJWKSet().toString());
    }

    public String keysUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    public String attackerUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/attacker";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
