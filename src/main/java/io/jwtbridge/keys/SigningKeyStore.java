package io.jwtbridge.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bridge's own signing keys, kept in PostgreSQL with the private part encrypted, so every
 * instance on one database signs and publishes the same keys and a restart changes nothing.
 *
 * <p>Rotation: when the newest key is older than the rotation interval, a new one is made (under a
 * database advisory lock, so two instances never make two). A new key is published for a while
 * before it signs, so every instance's key set knows it before any token carries it; an old key
 * stays published for one more interval.
 */
@Component
class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    private static final long ADVISORY_LOCK = 0x6a7762726964676eL; // "jwbridgn"

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MasterKeyCipher cipher;
    private final KeysProperties properties;
    private final Clock clock;
    private final AtomicReference<Keys> current = new AtomicReference<>();

    SigningKeyStore(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            MasterKeyCipher cipher,
            KeysProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        refresh();
    }

    /** The published keys (newest first) and the one that signs now. */
    record Keys(JWKSet published, JWK signing) {}

    Keys keys() {
        return current.get();
    }

    /** Re-reads the keys and makes a new one when rotation is due. */
    @Scheduled(
            fixedDelayString = "${jwtbridge.keys.refresh-interval:1m}",
            initialDelayString = "${jwtbridge.keys.refresh-interval:1m}")
    void refresh() {
        List<StoredKey> stored = load();
        if (!stored.isEmpty()) {
            // A wrong master key must stop here, before it seals a new key nobody else can open.
            privateJwk(stored.get(0));
        }
        if (stored.isEmpty() || stored.get(0).createdAt().isBefore(now().minus(properties.rotationInterval()))) {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(:lock)")
                        .param("lock", ADVISORY_LOCK)
                        .query()
                        .singleRow();
                List<StoredKey> locked = load();
                if (locked.isEmpty()
                        || locked.get(0).createdAt().isBefore(now().minus(properties.rotationInterval()))) {
                    create();
                }
            });
            stored = load();
        }
        current.set(select(stored));
    }

    private Keys select(List<StoredKey> stored) {
        Instant now = now();
        Duration prePublish =
                min(Duration.ofHours(1), properties.rotationInterval().dividedBy(10));
        Instant publishedSince = now.minus(properties.rotationInterval().multipliedBy(2));
        List<JWK> published = new ArrayList<>();
        StoredKey signing = null;
        for (StoredKey key : stored) {
            if (key.createdAt().isBefore(publishedSince) && !published.isEmpty()) {
                continue;
            }
            published.add(key.publicJwk());
            if (signing == null && !key.createdAt().isAfter(now.minus(prePublish))) {
                signing = key;
            }
        }
        if (signing == null) {
            // Nothing is old enough yet (a first start): the oldest published key signs.
            signing = stored.get(published.size() - 1);
        }
        return new Keys(new JWKSet(published), privateJwk(signing));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void create() {
        try {
            String kid = UUID.randomUUID().toString();
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            byte[] sealed = cipher.encrypt(key.toRSAPrivateKey().getEncoded(), kid);
            jdbc.sql("""
                            insert into signing_key (kid, algorithm, public_jwk, private_key, created_at)
                            values (:kid, :algorithm, :publicJwk, :privateKey, :createdAt)
                            """)
                    .param("kid", kid)
                    .param("algorithm", JWSAlgorithm.RS256.getName())
                    .param("publicJwk", key.toPublicJWK().toJSONString())
                    .param("privateKey", sealed)
                    .param("createdAt", java.sql.Timestamp.from(now()))
                    .update();
            log.info("Created signing key {}", kid);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot create a signing key", ex);
        }
    }

    private List<StoredKey> load() {
        return jdbc.sql(
                        "select kid, public_jwk, private_key, created_at from signing_key order by created_at desc, kid")
                .query((rs, row) -> new StoredKey(
                        rs.getString("kid"),
                        parse(rs.getString("public_jwk")),
                        rs.getBytes("private_key"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private JWK privateJwk(StoredKey key) {
        byte[] pkcs8 = cipher.decrypt(key.sealedPrivateKey(), key.kid());
        try {
            RSAPrivateCrtKey privateKey =
                    (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder((RSAKey) key.publicJwk())
                    .privateKey(privateKey)
                    .build();
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("Signing key " + key.kid() + " is not a valid RSA key", ex);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException ex) {
            throw new IllegalStateException("A stored public signing key cannot be read", ex);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private record StoredKey(String kid, JWK publicJwk, byte[] sealedPrivateKey, Instant createdAt) {

        @Override
        public String toString() {
            return "StoredKey[kid=" + kid + ", createdAt=" + createdAt + "]";
        }
    }
}
