package io.jwtbridge.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import io.jwtbridge.outbound.OutboundProperties;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import io.jwtbridge.testsupport.Jwts;
import io.jwtbridge.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fetching an IdP's keys: bounded time against a hanging or dripping endpoint, no connection to a
 * loopback address (by any spelling) unless allowed, and settings that would fail at the first
 * login refused at start-up.
 */
class KeysFetcherTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final JwksProperties properties = JwksDefaults.properties();
    ScriptedKeysServerAccess server;
    KeysFetcher fetcher;

    @BeforeEach
    void setUp() {
        server = new ScriptedKeysServerAccess();
        // A real key set: long enough that a drip of a byte every 400 ms outlasts the deadline.
        server.serve(new JWKSet(Jwts.rsa("key-1")).toPublicJWKSet().toString());
        fetcher = new KeysFetcher(new OutboundUrlPolicy(new OutboundProperties(true, true)), properties);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        fetcher.destroy();
    }

    @ParameterizedTest
    @EnumSource(
            value = ScriptedKeysServerAccess.Mode.class,
            names = {"HANG", "DRIP"})
    void noFetchRunsLongerThanTwoSeconds(ScriptedKeysServerAccess.Mode slow) {
        server.mode(slow);
        long started = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(server.url("127.0.0.1")))
                .isInstanceOf(KeysFetcher.FetchException.class)
                .satisfies(ex ->
                        assertThat(((KeysFetcher.FetchException) ex).outcome()).isEqualTo("timeout"));

        // A hang ends at the 1 s read timeout; a drip (a byte every 400 ms) at the 2 s deadline.
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 2_600L);
    }

    @Test
    void aKeysEndpointResolvingToLoopbackIsNeverConnectedToByDefault() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        listener.accept().close();
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            KeysFetcher strict =
                    new KeysFetcher(new OutboundUrlPolicy(new OutboundProperties(false, false)), properties);
            try {
                for (String host : List.of("localhost", "127.0.0.1", "127.1", "0x7f000001", "[::ffff:127.0.0.1]")) {
                    assertThatThrownBy(() -> strict.fetch("https://" + host + ":" + listener.getLocalPort() + "/keys"))
                            .isInstanceOf(KeysFetcher.FetchException.class)
                            .satisfies(ex -> assertThat(((KeysFetcher.FetchException) ex).outcome())
                                    .isEqualTo("refused_url"));
                }
                // Even when the URL check is passed (allow-http only), the resolver refuses the address.
                KeysFetcher httpOnly =
                        new KeysFetcher(new OutboundUrlPolicy(new OutboundProperties(false, true)), properties);
                assertThatThrownBy(() -> httpOnly.fetch("http://localhost:" + listener.getLocalPort() + "/keys"))
                        .isInstanceOf(KeysFetcher.FetchException.class);
                httpOnly.destroy();
            } finally {
                strict.destroy();
            }
            assertThat(accepted.get()).isZero();
        }
    }

    @Test
    void settingsNimbusWouldRefuseAtTheFirstLoginStopStartUp() {
        JwksProperties shortTtl = new JwksProperties(
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                properties.maxSize(),
                100,
                2048);

        assertThatThrownBy(() -> new IdpKeySources(fetcher, shortTtl, new JwksMetrics(meters, clock), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jwtbridge.jwks.cache-ttl");
    }
}
