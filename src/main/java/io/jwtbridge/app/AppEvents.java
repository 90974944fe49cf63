package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The audit events of apps and their payloads (never a secret), appended in the change's transaction. */
@Component
class AppEvents {

    static final String AGGREGATE = "app";

    private final AuditLog auditLog;

    AppEvents(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    AuditEvent added(String id, String name, String clientId, OidcConfig config, String editor) {
        return auditLog.append(AGGREGATE, id, "app.oidc.added", editor, payload(name, clientId, config));
    }

    AuditEvent configChanged(OidcApp app, OidcConfig config, String editor) {
        return auditLog.append(
                AGGREGATE, app.id(), "app.oidc.config.changed", editor, payload(app.name(), app.clientId(), config));
    }

    AuditEvent secretChanged(String id, String editor) {
        return auditLog.append(AGGREGATE, id, "app.oidc.secret.changed", editor, Map.of());
    }

    AuditEvent removed(String id, String editor) {
        return auditLog.append(AGGREGATE, id, "app.removed", editor, Map.of());
    }

    private static Map<String, Object> payload(String name, String clientId, OidcConfig config) {
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
}
