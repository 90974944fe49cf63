package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;

/**
 * The apps in table {@code oidc_app}, read together with their registered clients (whose rows the
 * Authorization Server's {@link RegisteredClientRepository} writes).
 */
@Repository
class OidcApps {

    private final JdbcClient jdbc;
    private final RegisteredClientRepository clients;

    OidcApps(JdbcClient jdbc, RegisteredClientRepository clients) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    /** A row of {@code oidc_app}; the rest of an app is its registered client's. */
    record Row(
            String id,
            String name,
            AppType appType,
            AuthMethodType authMethodType,
            TokenType accessTokenType,
            Instant createdAt,
            Instant changedAt,
            long sequence) {}

    Optional<OidcApp> find(String id) {
        return jdbc.sql("select * from oidc_app where id = :id")
                .param("id", id)
                .query(OidcApps::row)
                .optional()
                .map(this::app);
    }

    /** The app, locked until the end of the transaction. */
    Optional<OidcApp> findForUpdate(String id) {
        return jdbc.sql("select * from oidc_app where id = :id for update")
                .param("id", id)
                .query(OidcApps::row)
                .optional()
                .map(this::app);
    }

    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from oidc_app where name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insert(String id, String name, OidcConfig config, AuditEvent event) {
        jdbc.sql("""
                        insert into oidc_app (id, registered_client_id, name, app_type, auth_method_type,
                            access_token_type, state, created_at, changed_at, sequence)
                        values (:id, :id, :name, :appType, :authMethod, :tokenType, 'APP_STATE_ACTIVE', :at, :at,
                            :sequence)
                        """)
                .param("id", id)
                .param("name", name)
                .param("appType", config.appType().name())
                .param("authMethod", config.authMethodType().name())
                .param("tokenType", config.accessTokenType().name())
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .update();
    }

    void update(String id, OidcConfig config, AuditEvent event) {
        jdbc.sql("""
                        update oidc_app set app_type = :appType, auth_method_type = :authMethod,
                            access_token_type = :tokenType, changed_at = :at, sequence = :sequence where id = :id
                        """)
                .param("appType", config.appType().name())
                .param("authMethod", config.authMethodType().name())
                .param("tokenType", config.accessTokenType().name())
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", id)
                .update();
    }

    /** Records a change that is only in the registered client. */
    void touch(String id, AuditEvent event) {
        jdbc.sql("update oidc_app set changed_at = :at, sequence = :sequence where id = :id")
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", id)
                .update();
    }

    /** Removes the app's registered client; its {@code oidc_app} row cascades (its grants end first: {@link AppRemoved}). */
    void delete(String id) {
        jdbc.sql("delete from oauth2_registered_client where id = :id")
                .param("id", id)
                .update();
    }

    long count(AppSearch.Where where) {
        return jdbc.sql("select count(*) from oidc_app where " + where.sql())
                .params(where.parameters())
                .query(Long.class)
                .single();
    }

    List<OidcApp> page(AppSearch.Where where, Paging paging) {
        return jdbc
                .sql("select * from oidc_app where " + where.sql() + " order by " + paging.orderBy("created_at", "id")
                        + " offset :offset limit :limit")
                .params(where.parameters())
                .param("offset", paging.offset())
                .param("limit", paging.limit())
                .query(OidcApps::row)
                .list()
                .stream()
                .map(this::app)
                .toList();
    }

    private OidcApp app(Row row) {
        return AppClients.app(row, clients.findById(row.id()));
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("name"),
                AppType.valueOf(rs.getString("app_type")),
                AuthMethodType.valueOf(rs.getString("auth_method_type")),
                TokenType.valueOf(rs.getString("access_token_type")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getLong("sequence"));
    }
}
