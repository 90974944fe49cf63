package io.jwtbridge.app;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * The IdPs an app may sign its users in through ({@code allowedIdpIds}; none = every IdP), kept in
 * its registered client's settings so every check reads it from the cached client: the authorize
 * endpoint, the login page, the JWT handler and callback, and the token endpoint's JWT grants.
 */
public final class AppIdps {

    static final String SETTING = "jwtbridge.allowed-idp-ids";

    private AppIdps() {}

    /** The app's allowed IdP ids; empty when every IdP is allowed. */
    public static List<String> allowed(RegisteredClient client) {
        Object value = client.getClientSettings().getSetting(SETTING);
        if (!(value instanceof String ids) || ids.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(ids.split(","));
    }

    /** Whether the app may sign users in through {@code idpId}. */
    public static boolean allows(RegisteredClient client, String idpId) {
        List<String> allowed = allowed(client);
        return allowed.isEmpty() || allowed.contains(idpId);
    }

    /** Settings with the allowed IdPs (ids are decimal, so a comma joins them safely). */
    static ClientSettings.Builder with(ClientSettings.Builder settings, List<String> idpIds) {
        return idpIds.isEmpty() ? settings : settings.setting(SETTING, String.join(",", idpIds));
    }
}
