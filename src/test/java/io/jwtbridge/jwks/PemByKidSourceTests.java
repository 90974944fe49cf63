package io.jwtbridge.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.sun.net.httpserver.HttpServer;
import io.jwtbridge.outbound.OutboundProperties;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import io.jwtbridge.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One PEM per kid (AWS ALB) under the key cache's rules: TTL, stale-if-error, unknown-kid rate limit, kid check. */
class PemByKidSourceTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    final JwksProperties properties = JwksDefaults.properties();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicInteger hits = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();
    ECKey key;
    HttpServer server;
    KeysFetcher fetcher;
    PemByKidSource source;

    @BeforeEach
    void setUp() throws Exception {
        key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toECPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            boolean known = exchange.getRequestURI().getPath().equals("/" + key.getKeyID());
            if (failing.get() || !known) {
                exchange.sendResponseHeaders(failing.get() ? 500 : 404, -1);
            } else {
                byte[] body = pem.getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        fetcher = new KeysFetcher(new OutboundUrlPolicy(new OutboundProperties(true, true)), properties);
        source = new PemByKidSource(
                "7",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/{kid}",
                fetcher,
                properties,
                new JwksMetrics(meters, clock),
                clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.stop(0);
        fetcher.destroy();
    }

    static JWKSelector kid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    @Test
    void aKeyIsFetchedOnceKeptThroughAnOutageAndDroppedAfterIt() throws KeySourceException {
        assertThat(source.get(kid(key.getKeyID()), null)).hasSize(1);
        assertThat(source.get(kid(key.getKeyID()), null)).hasSize(1);
        assertThat(hits.get()).isEqualTo(1);

        failing.set(true);
        clock.advance(properties.cacheTtl().plusSeconds(1));
        assertThat(source.get(kid(key.getKeyID()), null)).hasSize(1);
        assertThat(meters.find("jwtbridge.jwks.fetches")
                        .tag("outcome", "http_status")
                        .counter()
                        .count())
                .isEqualTo(1.0);

        clock.advance(properties.outageTolerance());
        assertThatThrownBy(() -> source.get(kid(key.getKeyID()), null)).isInstanceOf(KeySourceException.class);
    }

    @Test
    void unknownKidsAreFetchedAtMostTwicePerIntervalAndBadKidsNever() throws KeySourceException {
        assertThat(source.get(kid(UUID.randomUUID().toString()), null)).isEmpty();
        assertThat(source.get(kid(UUID.randomUUID().toString()), null)).isEmpty();
        assertThatThrownBy(() -> source.get(kid(UUID.randomUUID().toString()), null))
                .isInstanceOf(RateLimitReachedException.class);
        assertThat(hits.get()).isEqualTo(2);
        clock.advance(properties.unknownKidInterval().plus(Duration.ofSeconds(1)));
        assertThat(source.get(kid(key.getKeyID()), null)).hasSize(1);

        for (String bad : new String[] {"../keys", "a/b", "..", "%2e%2e", "x".repeat(129), ""}) {
            assertThat(source.get(kid(bad), null)).isEmpty();
        }
        assertThat(hits.get()).isEqualTo(3);
    }
}
