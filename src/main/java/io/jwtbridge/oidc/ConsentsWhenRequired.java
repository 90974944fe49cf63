package io.jwtbridge.oidc;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The stored consents, looked up only for a client that requires consent. The Authorization Server
 * reads the consent on every authorize request before it asks whether the client requires one;
 * the bridge's apps never do (ZITADEL shows no consent page either), so that read is skipped.
 */
final class ConsentsWhenRequired implements OAuth2AuthorizationConsentService {

    private final OAuth2AuthorizationConsentService delegate;
    private final RegisteredClientRepository clients;

    ConsentsWhenRequired(OAuth2AuthorizationConsentService delegate, RegisteredClientRepository clients) {
        this.delegate = delegate;
        this.clients = clients;
    }

    @Override
    public void save(OAuth2AuthorizationConsent authorizationConsent) {
        delegate.save(authorizationConsent);
    }

    @Override
    public void remove(OAuth2AuthorizationConsent authorizationConsent) {
        delegate.remove(authorizationConsent);
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        RegisteredClient client = clients.findById(registeredClientId);
        if (client != null && !client.getClientSettings().isRequireAuthorizationConsent()) {
            return null;
        }
        return delegate.findById(registeredClientId, principalName);
    }
}
