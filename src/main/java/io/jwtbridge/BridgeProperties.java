package io.jwtbridge;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bridge's own settings (docs/configuration.md).
 *
 * @param issuer public base URL of the bridge: the OIDC issuer and the base of every absolute URL
 *     it builds
 * @param masterKey secret that encrypts the bridge's signing keys at rest
 * @param admin the bootstrap admin client
 */
@Validated
@ConfigurationProperties("jwtbridge")
public record BridgeProperties(URI issuer, String masterKey, Admin admin) {

    public BridgeProperties {
        if (admin == null) {
            admin = new Admin(null, null);
        }
    }

    /** The issuer without a trailing slash, as the OIDC `iss` value. */
    public String issuerValue() {
        String value = issuer.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * The bootstrap admin client, created or updated at start; absent when either value is blank.
     */
    public record Admin(String clientId, String clientSecret) {

        public boolean configured() {
            return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    @Override
    public String toString() {
        return "BridgeProperties[issuer=" + issuer + ", masterKey=***, admin=" + admin + "]";
    }
}
