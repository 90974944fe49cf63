package io.jwtbridge.jwks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code jwtbridge.jwks.fetches{idp,outcome}} and
 * {@code jwtbridge.jwks.last.success.age{idp}} (seconds since the last good fetch).
 */
@Component
class JwksMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    JwksMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void fetched(String idpId, String outcome) {
        Counter.builder("jwtbridge.jwks.fetches")
                .description("Fetches of IdP key sets, by IdP and outcome")
                .tag("idp", idpId)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        if ("success".equals(outcome)) {
            lastSuccess.computeIfAbsent(idpId, this::registerAge).set(clock.millis());
        }
    }

    private AtomicLong registerAge(String idpId) {
        AtomicLong last = new AtomicLong(clock.millis());
        Gauge.builder("jwtbridge.jwks.last.success.age", last, value -> (clock.millis() - value.get()) / 1000.0)
                .description("Seconds since the last good fetch of an IdP's keys")
                .baseUnit("seconds")
                .tag("idp", idpId)
                .register(registry);
        return last;
    }

    void forget(String idpId) {
        lastSuccess.remove(idpId);
        registry.find("jwtbridge.jwks.last.success.age")
                .tag("idp", idpId)
                .meters()
                .forEach(registry::remove);
    }
}
