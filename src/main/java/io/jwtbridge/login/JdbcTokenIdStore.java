package io.jwtbridge.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link TokenIdStore} in table {@code used_token_id}: the SHA-256 of each {@code jti} (so its length
 * is bounded), inserted with {@code ON CONFLICT DO NOTHING}, so one of two instances that see the same
 * token at once wins. Rows past their {@code expires_at} no longer count and are deleted by the
 * purge; a replay of such a token fails its {@code exp} check anyway.
 */
@Component
class JdbcTokenIdStore implements TokenIdStore {

    private final JdbcClient jdbc;

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
        return inserted == 1;
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
