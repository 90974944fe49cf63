package io.jwtbridge.jwks;

import io.jwtbridge.outbound.OutboundProperties;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The key cache as a test outside this package builds it (the login's verifier over it), with the
 * default settings, keys endpoints on this machine over http allowed, and a clock the test moves.
 */
public final class KeyCaches implements AutoCloseable {

    static final JwksProperties DEFAULTS = JwksDefaults.properties();

    /** How long an unknown {@code kid} waits before the keys may be fetched again. */
    public static final java.time.Duration UNKNOWN_KID_INTERVAL = DEFAULTS.unknownKidInterval();

    private final KeysFetcher fetcher;
    private final MeterRegistry meters;
    private final Clock clock;

    private KeyCaches(KeysFetcher fetcher, MeterRegistry meters, Clock clock) {
        this.fetcher = fetcher;
        this.meters = meters;
        this.clock = clock;
    }

    public static KeyCaches allowingLocalHttp(MeterRegistry meters, Clock clock) {
        return new KeyCaches(
                new KeysFetcher(new OutboundUrlPolicy(new OutboundProperties(true, true)), DEFAULTS), meters, clock);
    }

    /** A new, empty cache over this fetcher. */
    public IdpKeySources newSources() {
        return new IdpKeySources(fetcher, DEFAULTS, new JwksMetrics(meters, clock), clock);
    }

    @Override
    public void close() {
        try {
            fetcher.destroy();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
