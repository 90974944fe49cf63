package io.jwtbridge.oidc;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.web.AdminScopes;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the bootstrap admin client of {@code jwtbridge.admin.*}: client_credentials
 * with scope {@code admin} (ZITADEL's {@code urn:zitadel:iam:org:project:id:zitadel:aud} as a
 * synonym). Its secret is stored hashed and re-hashed only when it changed; then the tokens it had
 * are removed, so the old secret's tokens stop working at once.
 */
@Component
class AdminClientBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminClientBootstrap.class);

    private final BridgeProperties properties;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final Clock clock;

    /** The stored client and whether it is already as configured: checked while the rest starts up. */
    private final CompletableFuture<Stored> stored;

    private record Stored(RegisteredClient client, boolean upToDate) {}

    AdminClientBootstrap(
            BridgeProperties properties,
            RegisteredClientRepository clients,
            PasswordEncoder passwordEncoder,
            JdbcClient jdbc,
            Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clients = clients;
        this.passwordEncoder = passwordEncoder;
        // The bcrypt check takes ~0.3 s of one core on a small machine: off the start-up path.
        this.stored = properties.admin().configured()
                ? CompletableFuture.supplyAsync(this::readStored)
                : CompletableFuture.completedFuture(new Stored(null, false));
    }

    private Stored readStored() {
        BridgeProperties.Admin admin = properties.admin();
        RegisteredClient existing = clients.findByClientId(admin.clientId());
        return new Stored(
                existing,
                existing != null
                        && existing.getClientSecret() != null
                        && passwordEncoder.matches(admin.clientSecret(), existing.getClientSecret())
                        && existing.getScopes().contains(AdminScopes.ADMIN));
    }

    @Override
    public void run(ApplicationArguments args) {
        BridgeProperties.Admin admin = properties.admin();
        if (!admin.configured()) {
            log.info("No bootstrap admin client configured (jwtbridge.admin.client-id / client-secret)");
            return;
        }
        Stored current = stored.join();
        if (current.upToDate()) {
            return;
        }
        RegisteredClient existing = current.client();
        RegisteredClient.Builder builder = existing == null
                ? RegisteredClient.withId(UUID.randomUUID().toString()).clientIdIssuedAt(clock.instant())
                : RegisteredClient.from(existing);
        RegisteredClient client = builder.clientId(admin.clientId())
                .clientName("Bootstrap admin client")
                .clientSecret(passwordEncoder.encode(admin.clientSecret()))
                .clientAuthenticationMethods(methods -> {
                    methods.clear();
                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                })
                .authorizationGrantTypes(grants -> {
                    grants.clear();
                    grants.add(AuthorizationGrantType.CLIENT_CREDENTIALS);
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.add(AdminScopes.ADMIN);
                    scopes.add(AdminScopes.ZITADEL_API);
                    scopes.add(OidcScopes.OPENID);
                })
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .build())
                .build();
        try {
            clients.save(client);
        } catch (DataIntegrityViolationException ex) {
            log.info("Bootstrap admin client {} was created by another instance", admin.clientId());
            return;
        }
        if (existing != null) {
            // A new secret (or scopes) ends the tokens the old one got: the admin API looks them up.
            jdbc.sql("delete from oauth2_authorization where registered_client_id = :id")
                    .param("id", existing.getId())
                    .update();
        }
        log.info("{} bootstrap admin client {}", existing == null ? "Created" : "Updated", admin.clientId());
    }
}
