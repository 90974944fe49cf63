package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the bridge stored, read back from the database: an upstream user's links and users, and the
 * authorizations of an OIDC client.
 */
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

    /** The attributes of each authorization stored for the client (Spring Authorization Server). */
    public static List<String> authorizationAttributes(JdbcClient jdbc, String clientId) {
        return jdbc.sql("select attributes from oauth2_authorization where registered_client_id ="
                        + " (select id from oauth2_registered_client where client_id = :client)")
                .param("client", clientId)
                .query(String.class)
                .list();
    }

    private static long count(JdbcClient jdbc, String sql, String value) {
        return jdbc.sql(sql).param("value", value).query(Long.class).single();
    }
}
