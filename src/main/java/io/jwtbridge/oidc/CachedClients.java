package io.jwtbridge.oidc;

import io.jwtbridge.settings.SettingsCache;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, served from the {@link SettingsCache}: the Authorization Server looks a
 * client up on every hop of a login (several times in one request), and each read parses its
 * settings. A change is announced to every instance when it commits.
 */
final class CachedClients implements RegisteredClientRepository {

    private final RegisteredClientRepository delegate;
    private final SettingsCache cache;

    CachedClients(RegisteredClientRepository delegate, SettingsCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        delegate.save(registeredClient);
        cache.changed();
    }

    @Override
    public RegisteredClient findById(String id) {
        return cache.get("client:" + id, () -> delegate.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return cache.get("client-id:" + clientId, () -> delegate.findByClientId(clientId));
    }
}
