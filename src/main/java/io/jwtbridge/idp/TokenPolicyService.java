package io.jwtbridge.idp;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import io.jwtbridge.settings.SettingsCache;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets an IdP's token policy, whole ({@code PUT /admin/v1/idps/{id}/policy}): checked by
 * {@link TokenPolicyRules}, one audit event, a new configuration version (so its keys and verifier
 * are rebuilt), and every instance's settings cache dropped.
 */
@Service
class TokenPolicyService {

    private final JwtIdps repository;
    private final AuditLog auditLog;
    private final OutboundUrlPolicy outbound;
    private final ApplicationEventPublisher events;
    private final SettingsCache cache;

    TokenPolicyService(
            JwtIdps repository,
            AuditLog auditLog,
            OutboundUrlPolicy outbound,
            ApplicationEventPublisher events,
            SettingsCache cache) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.outbound = outbound;
        this.events = events;
        this.cache = cache;
    }

    @Transactional
    public IdpService.Change change(String id, TokenPolicyBody body, String editor) {
        JwtIdp idp = repository.findForUpdate(id).orElseThrow(IdpErrors::notFound);
        TokenPolicy policy = TokenPolicyRules.check(body, idp.jwtConfig(), outbound::refusalOf);
        if (policy.equals(idp.policy())) {
            throw io.jwtbridge.web.ApiException.failedPrecondition("IDP-NoChange", "idp has not been changed");
        }
        idp.changePolicy(policy);
        AuditEvent event = auditLog.append(
                IdpService.AGGREGATE, id, "idp.policy.changed", editor, Map.of("policy", TokenPolicyBody.of(policy)));
        idp.recordEvent(event.sequence(), event.createdAt());
        repository.update(idp);
        cache.changed();
        events.publishEvent(new IdpChanged(id, IdpChanged.Kind.JWT_CONFIG_CHANGED, idp.configVersion()));
        return new IdpService.Change(idp, event);
    }
}
