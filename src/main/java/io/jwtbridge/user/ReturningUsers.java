package io.jwtbridge.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The users this instance signed in lately, by IdP and {@code sub}, each with the version of its row
 * as read: at most {@value #MAX} identities, none kept longer than {@link #LIFETIME}. Only a
 * shortcut: a login that uses an entry acts only while the stored row still has that version
 * ({@link UserProvisioning#signInReturning}), so a stale entry costs a read, never a wrong answer.
 */
@Component
class ReturningUsers {

    static final int MAX = 10_000;

    static final Duration LIFETIME = Duration.ofMinutes(15);

    record Known(User user, String version) {}

    private record Key(String idpId, String sub) {}

    private record Entry(Known known, Instant expiresAt) {}

    private final Clock clock;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    ReturningUsers(Clock clock) {
        this.clock = clock;
    }

    synchronized Optional<Known> find(String idpId, String sub) {
        Entry entry = entries.get(new Key(idpId, sub));
        return entry != null && entry.expiresAt().isAfter(clock.instant())
                ? Optional.of(entry.known())
                : Optional.empty();
    }

    synchronized void remember(String idpId, String sub, User user, String version) {
        Instant now = clock.instant();
        Key key = new Key(idpId, sub);
        entries.remove(key);
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (entries.size() < MAX && entry.expiresAt().isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        entries.put(key, new Entry(new Known(user, version), now.plus(LIFETIME)));
    }

    synchronized void forget(String idpId, String sub) {
        entries.remove(new Key(idpId, sub));
    }
}
