package io.jwtbridge.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The settings cache against the real database: kept while listening, dropped on any NOTIFY. */
class SettingsCacheTests extends IntegrationTests {

    @Autowired
    SettingsCache cache;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aCopyIsKeptUntilAnyConnectionAnnouncesAChange() throws InterruptedException {
        awaitListening();
        AtomicInteger reads = new AtomicInteger();
        String key = "test:" + System.nanoTime();

        assertThat(cache.<String>get(key, () -> "v" + reads.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.<String>get(key, () -> "v" + reads.incrementAndGet())).isEqualTo("v1");
        assertThat(reads).hasValue(1);

        // Another instance's change: a NOTIFY on a connection of its own, not through this cache.
        JdbcClient.create(dataSource).sql("notify " + SettingsCache.CHANNEL).update();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cache.<String>get(key, () -> "v" + reads.incrementAndGet()).equals("v1")
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.<String>get(key, () -> "unused")).isEqualTo("v2");
    }

    @Test
    void aChangeDropsTheCopiesWhenItCommitsAndNotWhenItRollsBack() throws InterruptedException {
        awaitListening();
        String key = "test:" + System.nanoTime();
        cache.get(key, () -> "before");

        transactions.executeWithoutResult(status -> {
            cache.changed();
            // Inside the transaction of a change, reads go to the database.
            assertThat(cache.<String>get(key, () -> "read")).isEqualTo("read");
            status.setRollbackOnly();
        });
        // A NOTIFY sent outside the transaction would reach the listener within milliseconds.
        Thread.sleep(1000);
        assertThat(cache.<String>get(key, () -> "after")).isEqualTo("before");

        transactions.executeWithoutResult(status -> cache.changed());
        assertThat(cache.<String>get(key, () -> "after")).isEqualTo("after");
    }

    @Test
    void aTransactionThatSaysCopiesWillDoReadsTheCopiesUntilItEnds() throws InterruptedException {
        awaitListening();
        String key = "test:" + System.nanoTime();
        cache.get(key, () -> "kept");

        transactions.executeWithoutResult(status -> {
            assertThat(cache.<String>get(key, () -> "read")).isEqualTo("read");
            SettingsCache.copiesWillDo();
            assertThat(cache.<String>get(key, () -> "read")).isEqualTo("kept");
        });
        transactions.executeWithoutResult(status -> assertThat(cache.<String>get(key, () -> "read"))
                .as("the next transaction reads the database again")
                .isEqualTo("read"));
    }

    @Test
    void nothingIsKeptWhileNotListening() throws InterruptedException {
        awaitListening();
        String key = "test:" + System.nanoTime();
        cache.listening(false);
        try {
            AtomicInteger reads = new AtomicInteger();
            cache.get(key, reads::incrementAndGet);
            cache.get(key, reads::incrementAndGet);
            assertThat(reads).hasValue(2);
        } finally {
            cache.listening(true);
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cache.isListening() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.isListening()).as("listening for settings changes").isTrue();
    }
}
