package io.jwtbridge.idp;

import io.jwtbridge.Cidr;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the audit events of IdP changes record: settings and JWT configuration, never a secret. */
final class IdpPayloads {

    private IdpPayloads() {}

    static Map<String, Object> settings(JwtIdp idp) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", idp.name());
        payload.put("stylingType", idp.stylingType().name());
        payload.put("autoRegister", idp.autoRegister());
        ProviderOptions options = idp.options();
        payload.put(
                "providerOptions",
                Map.of(
                        "isLinkingAllowed", options.linkingAllowed(),
                        "isCreationAllowed", options.creationAllowed(),
                        "isAutoCreation", options.autoCreation(),
                        "isAutoUpdate", options.autoUpdate(),
                        "autoLinking", options.autoLinking().name()));
        return payload;
    }

    static Map<String, Object> config(JwtConfig config) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("jwtEndpoint", config.jwtEndpoint());
        payload.put("issuer", config.issuer());
        payload.put("keysEndpoint", config.keysEndpoint());
        payload.put("headerName", config.headerName());
        if (config.audience() != null) {
            payload.put("audience", config.audience());
        }
        return payload;
    }

    /** The proof's header and networks, and whether a secret is set (the secret's hash stays out). */
    static Map<String, Object> gatewayProof(GatewayProof proof) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("headerName", proof.headerName());
        payload.put("secretSet", proof.secretSet());
        payload.put(
                "allowedNetworks",
                proof.allowedNetworks().stream().map(Cidr::toString).toList());
        return payload;
    }
}
