package io.jwtbridge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Expired authorizations, login flows and sessions are deleted; anything still valid stays. */
class ExpiredRowsPurgeTests extends IntegrationTests {

    @Autowired
    ExpiredRowsPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    final Instant now = Instant.now();
    final String tag = UUID.randomUUID().toString();

    @Test
    void expiredRowsGoAndValidOnesStay() {
        Instant old = now.minus(Duration.ofHours(2));
        String expired = authorization(old, old, old, old);
        String refreshable = authorization(old, old, old, now.plus(Duration.ofDays(10)));
        String accessOnly = authorization(null, now.plus(Duration.ofMinutes(5)), null, null);
        String staleConsent = authorization(null, null, null, null);
        jdbc.sql("update oauth2_authorization set created_at = :old where id = :id")
                .param("old", Timestamp.from(old))
                .param("id", staleConsent)
                .update();
        String freshConsent = authorization(null, null, null, null);
        String expiredFlow = flow(old);
        String liveFlow = flow(now.plus(Duration.ofMinutes(5)));
        String expiredSession = session(now.minusSeconds(60));
        String liveSession = session(now.plus(Duration.ofMinutes(30)));
        double before = removed("oauth2_authorization");

        assertThat(purge.purge()).isTrue();

        assertThat(ids("oauth2_authorization"))
                .containsExactlyInAnyOrder(refreshable, accessOnly, freshConsent)
                .doesNotContain(expired, staleConsent);
        assertThat(ids("login_flow")).containsExactly(liveFlow).doesNotContain(expiredFlow);
        assertThat(jdbc.sql("select primary_id from spring_session where principal_name = :tag")
                        .param("tag", tag)
                        .query(String.class)
                        .list())
                .containsExactly(liveSession)
                .doesNotContain(expiredSession);
        assertThat(jdbc.sql("select count(*) from spring_session_attributes where session_primary_id = :id")
                        .param("id", expiredSession)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(removed("oauth2_authorization") - before).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyOneInstancePurgesAtATime() throws Exception {
        Instant old = now.minus(Duration.ofHours(2));
        String expired = authorization(old, old, old, old);
        try (Connection other = dataSource.getConnection();
                Statement statement = other.createStatement()) {
            statement.execute("select pg_advisory_lock(" + 0x6a77745075726765L + ")");
            try {
                assertThat(purge.purge()).isFalse();
                assertThat(ids("oauth2_authorization")).containsExactly(expired);
            } finally {
                statement.execute("select pg_advisory_unlock(" + 0x6a77745075726765L + ")");
            }
        }
        assertThat(purge.purge()).isTrue();
        assertThat(ids("oauth2_authorization")).isEmpty();
    }

    private double removed(String table) {
        return meters.get("jwtbridge.purge.rows").tag("table", table).counter().count();
    }

    private List<String> ids(String table) {
        String owner = table.equals("login_flow") ? "client_id" : "principal_name";
        return jdbc.sql("select id from " + table + " where " + owner + " = :tag")
                .param("tag", tag)
                .query(String.class)
                .list();
    }

    private String authorization(Instant code, Instant access, Instant idToken, Instant refresh) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into oauth2_authorization (id, registered_client_id, principal_name,
                            authorization_grant_type, authorization_code_value, authorization_code_expires_at,
                            access_token_value, access_token_expires_at, oidc_id_token_value,
                            oidc_id_token_expires_at, refresh_token_value, refresh_token_expires_at)
                        values (:id, 'purge-test', :tag, 'authorization_code', :code, :codeExp, :access, :accessExp,
                            :idToken, :idTokenExp, :refresh, :refreshExp)
                        """)
                .param("id", id)
                .param("tag", tag)
                .param("code", code == null ? null : "c-" + id)
                .param("codeExp", timestamp(code))
                .param("access", access == null ? null : "a-" + id)
                .param("accessExp", timestamp(access))
                .param("idToken", idToken == null ? null : "i-" + id)
                .param("idTokenExp", timestamp(idToken))
                .param("refresh", refresh == null ? null : "r-" + id)
                .param("refreshExp", timestamp(refresh))
                .update();
        return id;
    }

    private String flow(Instant expires) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into login_flow (id, idp_id, authorize_query, client_id, redirect_uri, binding_hash,
                            status, created_at, expires_at)
                        values (:id, 'idp', 'q', :tag, 'https://app.example.com/cb', 'b', 'STARTED', :created, :expires)
                        """)
                .param("id", id)
                .param("tag", tag)
                .param("created", Timestamp.from(expires.minus(Duration.ofMinutes(10))))
                .param("expires", Timestamp.from(expires))
                .update();
        return id;
    }

    private String session(Instant expires) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into spring_session (primary_id, session_id, creation_time, last_access_time,
                            max_inactive_interval, expiry_time, principal_name)
                        values (:id, :sessionId, :created, :created, 1800, :expires, :tag)
                        """)
                .param("id", id)
                .param("sessionId", UUID.randomUUID().toString())
                .param("created", expires.minus(Duration.ofMinutes(30)).toEpochMilli())
                .param("expires", expires.toEpochMilli())
                .param("tag", tag)
                .update();
        jdbc.sql("insert into spring_session_attributes values (:id, 'a', '\\x00'::bytea)")
                .param("id", id)
                .update();
        return id;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
