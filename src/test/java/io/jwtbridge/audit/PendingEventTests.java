package io.jwtbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jwtbridge.testsupport.IntegrationTests;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event left pending ({@link AuditLog#appendWithNextChange}) commits with its transaction, written
 * by the next change statement that takes it or on its own before the commit, in the order of the
 * calls, and never when the transaction rolls back.
 */
class PendingEventTests extends IntegrationTests {

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    String aggregate;

    @BeforeEach
    void aFreshAggregate() {
        aggregate = "pending-" + UUID.randomUUID();
        jdbc.sql("create table if not exists pending_event_test (id text primary key, n int not null)")
                .update();
        jdbc.sql("insert into pending_event_test (id, n) values (:id, 0)")
                .param("id", aggregate)
                .update();
    }

    List<String> eventTypes() {
        return jdbc.sql("select event_type from audit_event where aggregate_id = :id order by sequence")
                .param("id", aggregate)
                .query(String.class)
                .list();
    }

    int counter() {
        return jdbc.sql("select n from pending_event_test where id = :id")
                .param("id", aggregate)
                .query(Integer.class)
                .single();
    }

    int increment() {
        return auditLog.updateWithPendingEvents(
                "update pending_event_test set n = n + 1 where id = :id", Map.of("id", aggregate));
    }

    void pending(String type) {
        auditLog.appendWithNextChange("test", aggregate, type, "test", Map.of("k", "v"));
    }

    @Test
    void theNextChangeStatementWritesThePendingEvents() {
        int touched = transactions.execute(status -> {
            pending("test.first");
            pending("test.second");
            assertThat(eventTypes()).as("pending, not written yet").isEmpty();
            int count = increment();
            assertThat(eventTypes())
                    .as("written by the change's own statement, before the commit")
                    .containsExactly("test.first", "test.second");
            return count;
        });

        assertThat(touched).as("the change's own row count").isEqualTo(1);
        assertThat(counter()).isEqualTo(1);
        assertThat(eventTypes()).containsExactly("test.first", "test.second");
        assertThat(jdbc.sql("select payload->>'k' from audit_event where aggregate_id = :id")
                        .param("id", aggregate)
                        .query(String.class)
                        .list())
                .containsExactly("v", "v");
    }

    @Test
    void withoutAChangeStatementTheyAreWrittenAtTheCommit() {
        transactions.executeWithoutResult(status -> pending("test.alone"));

        assertThat(eventTypes()).containsExactly("test.alone");
    }

    @Test
    void anEventIsWrittenOnce() {
        transactions.executeWithoutResult(status -> {
            pending("test.once");
            increment();
            increment();
        });

        assertThat(counter()).isEqualTo(2);
        assertThat(eventTypes()).containsExactly("test.once");
    }

    @Test
    void aRollbackWritesNone() {
        transactions.executeWithoutResult(status -> {
            pending("test.rolled.back");
            increment();
            pending("test.rolled.back.too");
            status.setRollbackOnly();
        });

        assertThat(counter()).isZero();
        assertThat(eventTypes()).isEmpty();
        transactions.executeWithoutResult(status -> increment());
        assertThat(eventTypes())
                .as("nothing is left pending for a later transaction")
                .isEmpty();
    }

    @Test
    void anAppendedEventComesAfterThePendingOnes() {
        transactions.executeWithoutResult(status -> {
            pending("test.pending");
            auditLog.append("test", aggregate, "test.appended", "test", Map.of());
        });

        assertThat(eventTypes()).containsExactly("test.pending", "test.appended");
    }

    @Test
    void aChangeWithAWithOfItsOwnIsRefused() {
        transactions.executeWithoutResult(status -> {
            pending("test.refused");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> auditLog.updateWithPendingEvents(
                            "with x as (select 1) update pending_event_test set n = 1 where id = :id",
                            Map.of("id", aggregate)));
        });

        assertThat(counter()).isZero();
        assertThat(eventTypes()).as("the refusal left the event pending").containsExactly("test.refused");
    }
}
