package io.jwtbridge.oidc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The registered clients, each read at most once per HTTP request: the Authorization Server looks
 * the same client up several times in one request (client authentication, the grant, the
 * authorize request), and every read parses its settings. Nothing is kept across requests, so a
 * change through the admin API is seen by the next request on every instance.
 */
final class RequestScopedClients implements RegisteredClientRepository {

    private static final String KEY = RequestScopedClients.class.getName();

    private final RegisteredClientRepository delegate;

    RequestScopedClients(RegisteredClientRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        delegate.save(registeredClient);
        Map<String, RegisteredClient> seen = seen();
        if (seen != null) {
            seen.clear();
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return find("id:" + id, () -> delegate.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return find("client:" + clientId, () -> delegate.findByClientId(clientId));
    }

    private RegisteredClient find(String key, Supplier<RegisteredClient> read) {
        Map<String, RegisteredClient> seen = seen();
        if (seen == null) {
            return read.get();
        }
        if (seen.containsKey(key)) {
            return seen.get(key);
        }
        RegisteredClient client = read.get();
        seen.put(key, client);
        if (client != null) {
            seen.put("id:" + client.getId(), client);
            seen.put("client:" + client.getClientId(), client);
        }
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, RegisteredClient> seen() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        Object seen = request.getAttribute(KEY, RequestAttributes.SCOPE_REQUEST);
        if (seen == null) {
            seen = new HashMap<String, RegisteredClient>();
            request.setAttribute(KEY, seen, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<String, RegisteredClient>) seen;
    }
}
