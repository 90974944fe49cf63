package io.jwtbridge.login;

import java.time.Instant;

/** The {@code jti}s an IdP's tokens used once, shared by all instances, each kept until it could no longer be valid. */
interface TokenIdStore {

    /** Records the first use; false when it was used before (a replay). */
    boolean firstUse(String idpId, String jti, Instant keepUntil);

    /** Whether it was used (the explain endpoint: reads, never writes). */
    boolean used(String idpId, String jti);
}
