package io.jwtbridge.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads users and links; the writes live where their rules are ({@link UserProvisioning}). */
@Repository
public class Users {

    static final String COLUMNS = "id, state, user_name, given_name, family_name, display_name, nick_name, "
            + "preferred_language, email, email_verified, phone, created_at, changed_at, sequence";

    private static final String COLUMNS_OF_U = "u." + COLUMNS.replace(", ", ", u.");

    /** The columns {@link #mapWithRoles} reads, from {@code bridge_user u} joined with {@code user_link l}. */
    public static final String WITH_ROLES_COLUMNS = COLUMNS_OF_U + ", l.roles";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from bridge_user where id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    /**
     * A user as read, with the version of its row ({@code xmin}: every update of the row changes it),
     * so that a later statement can act only while the row is still this one.
     */
    record Versioned(User user, String version) {}

    Optional<Versioned> findLinked(String idpId, String externalUserId) {
        return jdbc.sql("select " + COLUMNS_OF_U + ", u.xmin::text as row_version from bridge_user u"
                        + " join user_link l on l.user_id = u.id where l.idp_id = :idp and l.external_user_id = :sub")
                .param("idp", idpId)
                .param("sub", externalUserId)
                .query((rs, row) -> new Versioned(map(rs, row), rs.getString("row_version")))
                .optional();
    }

    /** A user and the roles of its link to one IdP (a JSON array; null when none were mapped). */
    public record WithRoles(User user, String roles) {}

    /**
     * The user and, in the same statement, the roles of its link to {@code idpId} (none when
     * {@code idpId} is null): what a token request needs of the user.
     */
    public Optional<WithRoles> findWithRoles(String id, String idpId) {
        return jdbc.sql("select " + WITH_ROLES_COLUMNS + " from bridge_user u left join user_link l"
                        + " on l.user_id = u.id and l.idp_id = :idp where u.id = :id")
                .param("id", id)
                .param("idp", idpId)
                .query(Users::mapWithRoles)
                .optional();
    }

    public static WithRoles mapWithRoles(ResultSet rs, int row) throws SQLException {
        return new WithRoles(map(rs, row), rs.getString("roles"));
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("state"),
                rs.getString("user_name"),
                rs.getString("given_name"),
                rs.getString("family_name"),
                rs.getString("display_name"),
                rs.getString("nick_name"),
                rs.getString("preferred_language"),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("phone"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getLong("sequence"));
    }
}
