package io.jwtbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtbridge.BridgeProperties;
import io.jwtbridge.TestDatabase;
import io.jwtbridge.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rotation of the bridge's own keys, on real PostgreSQL (a schema of its own) with a test clock. */
class SigningKeyRotationTests {

    static final Duration INTERVAL = Duration.ofDays(30);

    HikariDataSource dataSource;
    JdbcClient jdbc;
    TransactionTemplate transaction;
    MasterKeyCipher cipher = new MasterKeyCipher(
            new BridgeProperties(URI.create("http://localhost"), "rotation-test-master-key-0123456789abcdef", null));
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void schemaOfItsOwn() {
        String schema = "rotation_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        TestDatabase.Connection db = TestDatabase.connection();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUsername(db.username());
        dataSource.setPassword(db.password());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).schemas(schema).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    SigningKeyStore store() {
        return new SigningKeyStore(
                jdbc, transaction, cipher, new KeysProperties(INTERVAL, Duration.ofMinutes(1), true), clock);
    }

    static List<String> kids(SigningKeyStore store) {
        return store.keys().published().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void rotatesOnScheduleAndPublishesANewKeyBeforeItSigns() {
        SigningKeyStore first = store();
        String k1 = first.keys().signing().getKeyID();
        assertThat(kids(first)).containsExactly(k1);
        assertThat(first.keys().signing().isPrivate()).isTrue();

        clock.advance(Duration.ofDays(10));
        first.refresh();
        assertThat(kids(first)).containsExactly(k1);

        clock.advance(Duration.ofDays(21));
        first.refresh();
        List<String> afterRotation = kids(first);
        assertThat(afterRotation).hasSize(2).endsWith(k1);
        String k2 = afterRotation.get(0);
        assertThat(first.keys().signing().getKeyID())
                .as("a new key is published before it signs")
                .isEqualTo(k1);

        SigningKeyStore second = store();
        assertThat(kids(second))
                .as("another instance sees the same keys and makes none")
                .isEqualTo(afterRotation);
        assertThat(jdbc.sql("select count(*) from signing_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        clock.advance(Duration.ofHours(2));
        first.refresh();
        second.refresh();
        assertThat(first.keys().signing().getKeyID()).isEqualTo(k2);
        assertThat(second.keys().signing().getKeyID()).isEqualTo(k2);
        assertThat(kids(first)).containsExactly(k2, k1);

        clock.advance(INTERVAL);
        first.refresh();
        List<String> third = kids(first);
        assertThat(third).hasSize(2).doesNotContain(k1).endsWith(k2);
    }

    @Test
    void twoInstancesStartingTogetherMakeOneKey() throws Exception {
        Thread[] starters = new Thread[4];
        for (int i = 0; i < starters.length; i++) {
            starters[i] = new Thread(this::store);
            starters[i].start();
        }
        for (Thread starter : starters) {
            starter.join();
        }
        assertThat(jdbc.sql("select count(*) from signing_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
