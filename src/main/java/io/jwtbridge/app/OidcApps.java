package io.jwtbridge.app;

import io.jwtbridge.Ids;
import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.settings.SettingsCache;
import io.jwtbridge.web.ApiException;
import io.jwtbridge.web.SqlLike;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OIDC applications: ZITADEL's app model on top of Spring Authorization Server's registered
 * clients. Secrets are generated (256 bits), shown once and stored hashed; public clients
 * ({@code OIDC_AUTH_METHOD_TYPE_NONE}) must use PKCE (S256); redirect URIs match exactly.
 */
@Service
class OidcApps {

    static final String AGGREGATE = "app";

    private final RegisteredClientRepository clients;
    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final SettingsCache settings;

    OidcApps(RegisteredClientRepository clients, JdbcClient jdbc, AuditLog auditLog, SettingsCache settings) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.settings = settings;
    }

    record Created(OidcApp app, String clientSecret, AuditEvent event) {}

    record Change(AuditEvent event, String clientSecret) {}

    @Transactional
    Created add(String name, OidcConfig requested, String editor) {
        OidcConfig config = withDefaults(requested);
        if (jdbc.sql("select count(*) from oidc_app where name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0) {
            throw nameTaken();
        }
        String id = Ids.next();
        String clientId = Ids.next();
        String secret = config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE ? null : Ids.secret();
        AuditEvent event = auditLog.append(AGGREGATE, id, "app.oidc.added", editor, payload(name, config, clientId));
        clients.save(client(
                RegisteredClient.withId(id).clientId(clientId).clientIdIssuedAt(event.createdAt()),
                name,
                config,
                secret));
        try {
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
        } catch (DuplicateKeyException ex) {
            throw nameTaken();
        }
        return new Created(find(id).orElseThrow(), secret, event);
    }

    @Transactional(readOnly = true)
    Optional<OidcApp> find(String id) {
        return jdbc.sql("select * from oidc_app where id = :id")
                .param("id", id)
                .query(OidcApps::row)
                .optional()
                .map(this::toApp);
    }

    @Transactional(readOnly = true)
    List<OidcApp> search(String nameContains, long offset, int limit, boolean ascending) {
        String direction = ascending ? "asc" : "desc";
        return jdbc
                .sql("select * from oidc_app where (cast(:name as text) is null or name ilike :pattern) "
                        + "order by created_at " + direction + ", id " + direction + " offset :offset limit :limit")
                .param("name", nameContains)
                .param("pattern", nameContains == null ? null : "%" + SqlLike.escape(nameContains) + "%")
                .param("offset", offset)
                .param("limit", limit)
                .query(OidcApps::row)
                .list()
                .stream()
                .map(this::toApp)
                .toList();
    }

    @Transactional(readOnly = true)
    long count(String nameContains) {
        return jdbc.sql("select count(*) from oidc_app where (cast(:name as text) is null or name ilike :pattern)")
                .param("name", nameContains)
                .param("pattern", nameContains == null ? null : "%" + SqlLike.escape(nameContains) + "%")
                .query(Long.class)
                .single();
    }

    @Transactional
    Change updateConfig(String id, OidcConfig requested, String editor) {
        OidcApp app = lock(id);
        OidcConfig config = withDefaults(requested);
        if (sameConfig(app, config)) {
            throw ApiException.failedPrecondition("APP-NoChange", "app has not been changed");
        }
        RegisteredClient existing = clients.findById(id);
        boolean becomesPublic = config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE;
        boolean wasPublic = app.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE;
        String secret = !becomesPublic && wasPublic ? Ids.secret() : null;
        AuditEvent event = auditLog.append(
                AGGREGATE, id, "app.oidc.config.changed", editor, payload(app.name(), config, app.clientId()));
        RegisteredClient.Builder builder = RegisteredClient.from(existing);
        clients.save(client(builder, app.name(), config, secret));
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
        return new Change(event, secret);
    }

    @Transactional
    Change generateSecret(String id, String editor) {
        OidcApp app = lock(id);
        if (app.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE) {
            throw ApiException.failedPrecondition("APP-NoSecret", "a public app (auth method NONE) has no secret");
        }
        String secret = Ids.secret();
        AuditEvent event = auditLog.append(AGGREGATE, id, "app.oidc.secret.changed", editor, Map.of());
        RegisteredClient existing = clients.findById(id);
        clients.save(RegisteredClient.from(existing)
                .clientSecret(ClientSecrets.hash(secret))
                .build());
        touch(id, event);
        return new Change(event, secret);
    }

    @Transactional
    AuditEvent remove(String id, String editor) {
        lock(id);
        AuditEvent event = auditLog.append(AGGREGATE, id, "app.removed", editor, Map.of());
        jdbc.sql("delete from oauth2_authorization where registered_client_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from oauth2_registered_client where id = :id")
                .param("id", id)
                .update();
        settings.changed();
        return event;
    }

    private void touch(String id, AuditEvent event) {
        jdbc.sql("update oidc_app set changed_at = :at, sequence = :sequence where id = :id")
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", id)
                .update();
    }

    private OidcApp lock(String id) {
        return jdbc.sql("select * from oidc_app where id = :id for update")
                .param("id", id)
                .query(OidcApps::row)
                .optional()
                .map(this::toApp)
                .orElseThrow(OidcApps::notFound);
    }

    /**
     * The registered client of an app. {@code secret} is a new secret to store (hashed); without one
     * a confidential client keeps the hash the builder already holds.
     */
    private RegisteredClient client(RegisteredClient.Builder builder, String name, OidcConfig config, String secret) {
        boolean isPublic = config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE;
        builder.clientName(name)
                .clientAuthenticationMethods(methods -> {
                    methods.clear();
                    methods.add(
                            switch (config.authMethodType()) {
                                case OIDC_AUTH_METHOD_TYPE_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
                                case OIDC_AUTH_METHOD_TYPE_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
                                case OIDC_AUTH_METHOD_TYPE_NONE -> ClientAuthenticationMethod.NONE;
                            });
                })
                .authorizationGrantTypes(grants -> {
                    grants.clear();
                    config.grantTypes().forEach(grant -> grants.add(AppGrants.of(grant)));
                })
                .redirectUris(uris -> {
                    uris.clear();
                    uris.addAll(config.redirectUris());
                })
                .postLogoutRedirectUris(uris -> {
                    uris.clear();
                    uris.addAll(config.postLogoutRedirectUris());
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.addAll(List.of(
                            OidcScopes.OPENID,
                            OidcScopes.PROFILE,
                            OidcScopes.EMAIL,
                            OidcScopes.PHONE,
                            "offline_access"));
                })
                .clientSettings(AppIdps.with(
                                ClientSettings.builder()
                                        .requireProofKey(isPublic)
                                        .requireAuthorizationConsent(false),
                                config.allowedIdpIds())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(
                                config.accessTokenType() == TokenType.OIDC_TOKEN_TYPE_JWT
                                        ? OAuth2TokenFormat.SELF_CONTAINED
                                        : OAuth2TokenFormat.REFERENCE)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .accessTokenTimeToLive(Duration.ofHours(1))
                        .idTokenSignatureAlgorithm(
                                org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                        .refreshTokenTimeToLive(Duration.ofDays(30))
                        .reuseRefreshTokens(false)
                        .build());
        if (isPublic) {
            builder.clientSecret(null);
        } else if (secret != null) {
            builder.clientSecret(ClientSecrets.hash(secret));
        }
        return builder.build();
    }

    /** ZITADEL's defaults, plus the rules a user can get wrong. */
    private static OidcConfig withDefaults(OidcConfig config) {
        for (String uri : config.redirectUris()) {
            checkRedirectUri("redirectUris", uri);
        }
        List<String> postLogout = config.postLogoutRedirectUris() == null ? List.of() : config.postLogoutRedirectUris();
        for (String uri : postLogout) {
            checkRedirectUri("postLogoutRedirectUris", uri);
        }
        List<GrantType> grants =
                config.grantTypes() == null || config.grantTypes().isEmpty()
                        ? List.of(GrantType.OIDC_GRANT_TYPE_AUTHORIZATION_CODE)
                        : config.grantTypes();
        if (!grants.contains(GrantType.OIDC_GRANT_TYPE_AUTHORIZATION_CODE)) {
            throw ApiException.invalidArgument(
                    "APP-InvalidGrants", "invalid grantTypes: OIDC_GRANT_TYPE_AUTHORIZATION_CODE is required");
        }
        if (config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE && AppGrants.needSecret(grants)) {
            throw ApiException.invalidArgument(
                    "APP-InvalidGrants",
                    "invalid grantTypes: a public app (authMethodType NONE) cannot use token exchange or JWT bearer");
        }
        return new OidcConfig(
                List.copyOf(new java.util.LinkedHashSet<>(config.redirectUris())),
                List.copyOf(new java.util.LinkedHashSet<>(postLogout)),
                config.appType() == null ? AppType.OIDC_APP_TYPE_WEB : config.appType(),
                config.authMethodType() == null ? AuthMethodType.OIDC_AUTH_METHOD_TYPE_BASIC : config.authMethodType(),
                List.copyOf(new java.util.LinkedHashSet<>(grants)),
                config.accessTokenType() == null ? TokenType.OIDC_TOKEN_TYPE_BEARER : config.accessTokenType(),
                config.allowedIdpIds() == null
                        ? List.of()
                        : List.copyOf(new java.util.LinkedHashSet<>(config.allowedIdpIds())));
    }

    /**
     * Absolute, no fragment, ASCII only (percent-encode the rest) and no comma: the Authorization
     * Server stores a client's redirect URIs joined with commas and compares them as strings.
     */
    private static void checkRedirectUri(String field, String uri) {
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute()
                    || parsed.isOpaque()
                    || parsed.getRawFragment() != null
                    || (parsed.getScheme().matches("(?i)https?") && parsed.getHost() == null)
                    || uri.contains(",")
                    || !parsed.toASCIIString().equals(uri)) {
                throw new URISyntaxException(uri, "not accepted");
            }
            // Spring's URI rules, which the Authorization Server applies to redirect and
            // post-logout URIs, are stricter than java.net.URI's (e.g. [ and ] in the query).
            UriComponentsBuilder.fromUriString(uri).build(true);
        } catch (URISyntaxException | IllegalArgumentException ex) {
            throw ApiException.invalidArgument(
                    "APP-InvalidRedirectUri",
                    "invalid " + field + ": each must be an absolute URI in ASCII, without a fragment or a comma");
        }
    }

    private boolean sameConfig(OidcApp app, OidcConfig config) {
        return app.appType() == config.appType()
                && app.authMethodType() == config.authMethodType()
                && app.accessTokenType() == config.accessTokenType()
                && new java.util.HashSet<>(app.grantTypes()).equals(new java.util.HashSet<>(config.grantTypes()))
                && app.redirectUris().equals(config.redirectUris())
                && app.postLogoutRedirectUris().equals(config.postLogoutRedirectUris())
                && app.allowedIdpIds().equals(config.allowedIdpIds());
    }

    private record Row(
            String id,
            String name,
            AppType appType,
            AuthMethodType authMethodType,
            TokenType accessTokenType,
            Instant createdAt,
            Instant changedAt,
            long sequence) {}

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

    private OidcApp toApp(Row row) {
        RegisteredClient client = clients.findById(row.id());
        List<GrantType> grants = AppGrants.of(client.getAuthorizationGrantTypes());
        return new OidcApp(
                row.id(),
                client.getClientId(),
                row.name(),
                row.appType(),
                row.authMethodType(),
                row.accessTokenType(),
                grants,
                List.copyOf(client.getRedirectUris()),
                List.copyOf(client.getPostLogoutRedirectUris()),
                AppIdps.allowed(client),
                row.createdAt(),
                row.changedAt(),
                row.sequence());
    }

    private static Map<String, Object> payload(String name, OidcConfig config, String clientId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("clientId", clientId);
        payload.put("appType", config.appType().name());
        payload.put("authMethodType", config.authMethodType().name());
        payload.put("accessTokenType", config.accessTokenType().name());
        payload.put("grantTypes", config.grantTypes().stream().map(Enum::name).toList());
        payload.put("redirectUris", config.redirectUris());
        payload.put("allowedIdpIds", config.allowedIdpIds());
        return payload;
    }

    static ApiException notFound() {
        return ApiException.notFound("APP-NotFound", "app not found");
    }

    private static ApiException nameTaken() {
        return ApiException.alreadyExists("APP-NameTaken", "an app with this name already exists");
    }
}
