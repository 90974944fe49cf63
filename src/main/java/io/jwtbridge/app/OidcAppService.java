package io.jwtbridge.app;

import io.jwtbridge.Ids;
import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.settings.SettingsCache;
import io.jwtbridge.web.ApiException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OIDC applications: ZITADEL's app model on top of Spring Authorization Server's registered
 * clients. Unique names, ZITADEL's defaults, the grant and redirect-URI rules, and secrets that are
 * generated (256 bits), shown once and stored hashed; each change with its audit event.
 */
@Service
class OidcAppService {

    private final OidcApps apps;
    private final RegisteredClientRepository clients;
    private final AppEvents events;
    private final SettingsCache settings;
    private final ApplicationEventPublisher publisher;

    OidcAppService(
            OidcApps apps,
            RegisteredClientRepository clients,
            AppEvents events,
            SettingsCache settings,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.apps = apps;
        this.clients = clients;
        this.events = events;
        this.settings = settings;
    }

    record Created(OidcApp app, String clientSecret, AuditEvent event) {}

    record Change(AuditEvent event, String clientSecret) {}

    @Transactional
    Created add(String name, OidcConfig requested, String editor) {
        OidcConfig config = withDefaults(requested);
        if (apps.nameTaken(name)) {
            throw nameTaken();
        }
        String id = Ids.next();
        String clientId = Ids.next();
        String secret = config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE ? null : Ids.secret();
        AuditEvent event = events.added(id, name, clientId, config, editor);
        clients.save(AppClients.client(
                RegisteredClient.withId(id).clientId(clientId).clientIdIssuedAt(event.createdAt()),
                name,
                config,
                secret));
        try {
            apps.insert(id, name, config, event);
        } catch (DuplicateKeyException ex) {
            throw nameTaken();
        }
        return new Created(apps.find(id).orElseThrow(), secret, event);
    }

    @Transactional(readOnly = true)
    Optional<OidcApp> find(String id) {
        return apps.find(id);
    }

    /** Replaces the whole configuration; a public app that becomes confidential gets a new secret. */
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
        AuditEvent event = events.configChanged(app, config, editor);
        clients.save(AppClients.client(RegisteredClient.from(existing), app.name(), config, secret));
        apps.update(id, config, event);
        return new Change(event, secret);
    }

    @Transactional
    Change generateSecret(String id, String editor) {
        OidcApp app = lock(id);
        if (app.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE) {
            throw ApiException.failedPrecondition("APP-NoSecret", "a public app (auth method NONE) has no secret");
        }
        String secret = Ids.secret();
        AuditEvent event = events.secretChanged(id, editor);
        clients.save(AppClients.withSecret(clients.findById(id), secret));
        apps.touch(id, event);
        return new Change(event, secret);
    }

    /** Removes the app with its grants: its tokens stop working at once. */
    @Transactional
    AuditEvent remove(String id, String editor) {
        lock(id);
        AuditEvent event = events.removed(id, editor);
        publisher.publishEvent(new AppRemoved(id));
        apps.delete(id);
        settings.changed();
        return event;
    }

    private OidcApp lock(String id) {
        return apps.findForUpdate(id).orElseThrow(OidcAppService::notFound);
    }

    /** ZITADEL's defaults, plus the rules a user can get wrong. */
    private static OidcConfig withDefaults(OidcConfig config) {
        RedirectUriRules.check("redirectUris", config.redirectUris());
        List<String> postLogout = config.postLogoutRedirectUris() == null ? List.of() : config.postLogoutRedirectUris();
        RedirectUriRules.check("postLogoutRedirectUris", postLogout);
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
                distinct(config.redirectUris()),
                distinct(postLogout),
                config.appType() == null ? AppType.OIDC_APP_TYPE_WEB : config.appType(),
                config.authMethodType() == null ? AuthMethodType.OIDC_AUTH_METHOD_TYPE_BASIC : config.authMethodType(),
                distinct(grants),
                config.accessTokenType() == null ? TokenType.OIDC_TOKEN_TYPE_BEARER : config.accessTokenType(),
                config.allowedIdpIds() == null ? List.of() : distinct(config.allowedIdpIds()));
    }

    private static <T> List<T> distinct(List<T> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static boolean sameConfig(OidcApp app, OidcConfig config) {
        return app.appType() == config.appType()
                && app.authMethodType() == config.authMethodType()
                && app.accessTokenType() == config.accessTokenType()
                && new HashSet<>(app.grantTypes()).equals(new HashSet<>(config.grantTypes()))
                && app.redirectUris().equals(config.redirectUris())
                && app.postLogoutRedirectUris().equals(config.postLogoutRedirectUris())
                && app.allowedIdpIds().equals(config.allowedIdpIds());
    }

    static ApiException notFound() {
        return ApiException.notFound("APP-NotFound", "app not found");
    }

    private static ApiException nameTaken() {
        return ApiException.alreadyExists("APP-NameTaken", "an app with this name already exists");
    }
}
