package io.jwtbridge.user;

import io.jwtbridge.RecentEntries;
import java.time.Clock;
import java.time.Duration;
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

    private final Clock clock;
    private final RecentEntries<Key, Known> entries;

    ReturningUsers(Clock clock) {
        this.clock = clock;
        this.entries = new RecentEntries<>(MAX, clock);
    }

    Optional<Known> find(String idpId, String sub) {
        return entries.get(new Key(idpId, sub));
    }

    void remember(String idpId, String sub, User user, String version) {
        entries.put(
                new Key(idpId, sub), new Known(user, version), clock.instant().plus(LIFETIME));
    }

    void forget(String idpId, String sub) {
        entries.remove(new Key(idpId, sub));
    }
}
