package io.jwtbridge;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an instance keeps of its own recent work, as a shortcut past a database read: at most
 * {@code max} entries, each until its expiry, the oldest dropped first (and every expired one in
 * front of it) when a new one comes. Thread-safe.
 */
public final class RecentEntries<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {}

    private final int max;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>();

    public RecentEntries(int max, Clock clock) {
        this.max = max;
        this.clock = clock;
    }

    /** The entry, while it has not expired. */
    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && entry.expiresAt().isAfter(clock.instant())
                ? Optional.of(entry.value())
                : Optional.empty();
    }

    /** Keeps {@code value} until {@code expiresAt}, as the newest entry. */
    public synchronized void put(K key, V value, Instant expiresAt) {
        Instant now = clock.instant();
        entries.remove(key);
        Iterator<Entry<V>> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry<V> entry = oldest.next();
            if (entries.size() < max && entry.expiresAt().isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        entries.put(key, new Entry<>(value, expiresAt));
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }
}
