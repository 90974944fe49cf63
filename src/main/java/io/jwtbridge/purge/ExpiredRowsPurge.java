package io.jwtbridge.purge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what has expired, so the tables stay bounded: authorizations whose every token (code,
 * access, refresh, ID token) expired more than {@link #GRACE} ago (a refresh token keeps its grant
 * while it is valid; one holding no token, a consent in progress, when older than that), login
 * flows expired that long ago, used {@code jti}s whose tokens expired, and Spring Session's expired sessions (whose own clean-up job is
 * switched off: it runs on every instance, unbatched). Every {@code jwtbridge.purge.interval}, one
 * instance at a time (a PostgreSQL advisory lock per batch; an instance that does not get it skips
 * the run), {@code jwtbridge.purge.batch-size} rows per statement and transaction. Metric
 * {@code jwtbridge.purge.rows}, tag {@code table}: rows removed.
 */
@Component
class ExpiredRowsPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExpiredRowsPurge.class);

    static final Duration GRACE = Duration.ofHours(1);

    /** "jwtPurge": the advisory lock of the purge. */
    private static final long LOCK = 0x6a77745075726765L;

    private record Target(String table, String condition, Function<Instant, Object> cutoff) {

        String delete() {
            return "delete from " + table + " where ctid in (select ctid from " + table + " where " + condition
                    + " < :cutoff limit :batch)";
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target(
                    "oauth2_authorization",
                    "coalesce(greatest(authorization_code_expires_at, access_token_expires_at,"
                            + " oidc_id_token_expires_at, refresh_token_expires_at, user_code_expires_at,"
                            + " device_code_expires_at), created_at)",
                    now -> Timestamp.from(now.minus(GRACE))),
            new Target("login_flow", "expires_at", now -> Timestamp.from(now.minus(GRACE))),
            new Target("spring_session", "expiry_time", Instant::toEpochMilli),
            // A used jti is kept only while its token could still be accepted (docs/login-flow.md).
            new Target("used_token_id", "expires_at", Timestamp::from));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PurgeProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ExpiredRowsPurge(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            PurgeProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.meters = meters;
        TARGETS.forEach(target -> counter(target.table()));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.interval();
        Duration first = interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, interval, first));
    }

    private void run() {
        try {
            purge();
        } catch (DataAccessException ex) {
            log.warn("Purge of expired rows failed, tried again in {}: {}", properties.interval(), ex.toString());
        }
    }

    /** One run: false when another instance holds the purge lock. */
    boolean purge() {
        Instant now = clock.instant();
        for (Target target : TARGETS) {
            int deleted;
            do {
                Integer batch = transactions.execute(status -> deleteBatch(target, now));
                if (batch == null || batch < 0) {
                    return false;
                }
                deleted = batch;
                if (deleted > 0) {
                    counter(target.table()).increment(deleted);
                    log.debug("Purged {} expired rows of {}", deleted, target.table());
                }
            } while (deleted >= properties.batchSize());
        }
        return true;
    }

    private int deleteBatch(Target target, Instant now) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", LOCK)
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            return -1;
        }
        return jdbc.sql(target.delete())
                .param("cutoff", target.cutoff().apply(now))
                .param("batch", properties.batchSize())
                .update();
    }

    private Counter counter(String table) {
        return Counter.builder("jwtbridge.purge.rows")
                .description("Expired rows deleted by the purge")
                .tag("table", table)
                .register(meters);
    }
}
