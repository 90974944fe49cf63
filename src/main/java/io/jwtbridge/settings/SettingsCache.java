package io.jwtbridge.settings;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Copies of the settings every login reads several times and an admin rarely changes: the JWT
 * IdPs and the apps' registered clients. A change on any instance drops every copy on every
 * instance: the writer calls {@link #changed()} in its transaction, which drops this instance's
 * copies when it commits and sends a PostgreSQL {@code NOTIFY} that every instance's
 * {@link SettingsChangeListener} receives. While an instance is not listening (no connection for
 * it) it keeps no copies, and a copy is read again after {@link #MAX_AGE} in any case (for a row
 * changed by hand in the database without a {@code NOTIFY jwtbridge_settings}).
 *
 * <p>Reads inside a transaction go to the database, a change builds on what is stored, unless the
 * transaction said that copies will do ({@link #copiesWillDo}: a login's, which follows settings
 * and never changes them).
 * Only rows that exist are kept, so the number of copies is bounded by the number of rows.
 */
@Component
public class SettingsCache {

    static final String CHANNEL = "jwtbridge_settings";
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    private record Copy(Object value, long readAt) {}

    /** Bound to a transaction whose reads may use the copies. */
    private static final Object COPIES_WILL_DO = SettingsCache.class.getName() + ".copiesWillDo";

    /**
     * The reads of the current transaction may use the copies: it only follows settings (a
     * login's), it does not change them. Nothing outside a transaction.
     */
    public static void copiesWillDo() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(COPIES_WILL_DO)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(COPIES_WILL_DO, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(COPIES_WILL_DO);
            }
        });
    }

    SettingsCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The kept copy of {@code key}, else what {@code read} returns (kept unless null). */
    @SuppressWarnings("unchecked")
    public <V> V get(String key, Supplier<V> read) {
        if (!listening
                || (TransactionSynchronizationManager.isActualTransactionActive()
                        && !TransactionSynchronizationManager.hasResource(COPIES_WILL_DO))) {
            return read.get();
        }
        long now = System.nanoTime();
        Copy copy = copies.get(key);
        if (copy != null && now - copy.readAt() < MAX_AGE.toNanos()) {
            return (V) copy.value();
        }
        long before = generation.get();
        V value = read.get();
        if (value != null) {
            copies.put(key, new Copy(value, now));
            // A change that committed while we read may have been dropped before our put.
            if (generation.get() != before || !listening) {
                copies.remove(key);
            }
        }
        return value;
    }

    /**
     * Announces a change of IdPs or apps: inside a transaction the copies go when it commits
     * (and other instances hear of it then); outside one, at once.
     */
    public void changed() {
        jdbc.sql("notify " + CHANNEL).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dropAll();
                }
            });
        } else {
            dropAll();
        }
    }

    /** Some instance changed something (or notices may have been missed): drop every copy. */
    void dropAll() {
        generation.incrementAndGet();
        copies.clear();
    }

    /** Copies are kept only while changes of other instances are heard. */
    void listening(boolean listening) {
        this.listening = listening;
        dropAll();
    }

    boolean isListening() {
        return listening;
    }
}
