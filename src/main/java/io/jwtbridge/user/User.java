package io.jwtbridge.user;

import java.time.Instant;

/** A user of the bridge, as stored. */
public record User(
        String id,
        String state,
        String userName,
        String givenName,
        String familyName,
        String displayName,
        String nickName,
        String preferredLanguage,
        String email,
        boolean emailVerified,
        String phone,
        Instant createdAt,
        Instant changedAt,
        long sequence) {

    public static final String ACTIVE = "USER_STATE_ACTIVE";
    public static final String INACTIVE = "USER_STATE_INACTIVE";

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
