package io.jwtbridge.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link TokenIdStore} in table {@code used_token_id}: the SHA-256 of each {@code jti} (so its length
 * is bounded), inserted with {@code ON CONFLICT}, so one of two instances that see the same token at
 * once wins. Rows past their {@code expires_at} no longer count (a replay of such a token fails its
 * {@code exp} check anyway): each instance deletes them at most once per {@link #SWEEP} while it
 * records new ones, and the purge deletes what is left, so the table holds about the logins of one
 * token lifetime.
 */
@Component
class JdbcTokenIdStore implements TokenIdStore {

    static final long SWEEP = 1_000;
    private static final int SWEEP_BATCH = 5_000;

    private final JdbcClient jdbc;
    private final AtomicLong lastSweep = new AtomicLong();

    JdbcTokenIdStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean firstUse(String idpId, String jti, Instant keepUntil) {
        String hash = hash(jti);
        int inserted = jdbc.sql("""
                        insert into used_token_id (idp_id, jti_hash, expires_at) values (:idp, :hash, :until)
                        on conflict (idp_id, jti_hash) do update set expires_at = excluded.expires_at
                        where used_token_id.expires_at < now()
                        """)
                .param("idp", idpId)
                .param("hash", hash)
                .param("until", Timestamp.from(keepUntil))
                .update();
        sweep();
        return inserted == 1;
    }

    /** Deletes expired rows, at most once per {@link #SWEEP} per instance. */
    private void sweep() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last < SWEEP || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        jdbc.sql("delete from used_token_id where ctid in (select ctid from used_token_id where expires_at < now()"
                        + " limit :batch)")
                .param("batch", SWEEP_BATCH)
                .update();
    }

    @Override
    public boolean used(String idpId, String jti) {
        return jdbc.sql("select exists (select 1 from used_token_id where idp_id = :idp and jti_hash = :hash"
                        + " and expires_at >= now())")
                .param("idp", idpId)
                .param("hash", hash(jti))
                .query(Boolean.class)
                .single();
    }

    static String hash(String jti) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jti.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
