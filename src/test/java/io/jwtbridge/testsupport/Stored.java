package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the bridge stored for an upstream user: its links and its users, counted in the database. */
public final class Stored {

    private Stored() {}

    /** The links of the upstream {@code sub} (to any IdP). */
    public static long links(JdbcClient jdbc, String sub) {
        return count(jdbc, "select count(*) from user_link where external_user_id = :value", sub);
    }

    /** The users named {@code userName}. */
    public static long usersNamed(JdbcClient jdbc, String userName) {
        return count(jdbc, "select count(*) from bridge_user where user_name = :value", userName);
    }

    /** The users with the address {@code email}. */
    public static long usersWithEmail(JdbcClient jdbc, String email) {
        return count(jdbc, "select count(*) from bridge_user where email = :value", email);
    }

    /** A refused login wrote nothing: no link of {@code sub} and no user named after it. */
    public static void assertNothingStoredFor(JdbcClient jdbc, String sub) {
        assertThat(links(jdbc, sub)).isZero();
        assertThat(usersNamed(jdbc, sub)).isZero();
    }

    private static long count(JdbcClient jdbc, String sql, String value) {
        return jdbc.sql(sql).param("value", value).query(Long.class).single();
    }
}
