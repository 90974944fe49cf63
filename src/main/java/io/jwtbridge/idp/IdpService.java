package io.jwtbridge.idp;

import io.jwtbridge.Ids;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import io.jwtbridge.settings.SettingsCache;
import io.jwtbridge.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The rules of JWT IdPs: unique names, URLs that browsers may visit and the bridge may fetch,
 * state transitions, "no change" refusals, and one audit event per change.
 */
@Service
public class IdpService {

    static final String AGGREGATE = "idp";

    private final JwtIdps repository;
    private final AuditLog auditLog;
    private final OutboundUrlPolicy outbound;
    private final ApplicationEventPublisher events;
    private final SettingsCache cache;

    IdpService(
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

    /** From the {@link SettingsCache} (read on every hop of a login); shared: never change it. */
    public Optional<JwtIdp> find(String id) {
        return Optional.ofNullable(
                cache.get("idp:" + id, () -> repository.find(id).orElse(null)));
    }

    /** {@link #find}, or the admin API's 404 ({@code IDP-NotFound}). */
    public JwtIdp get(String id) {
        return find(id).orElseThrow(IdpErrors::notFound);
    }

    /** Every IdP, from the {@link SettingsCache} (the token endpoint's JWT grants pick one by issuer). */
    public List<JwtIdp> all() {
        return cache.get("idps:all", repository::all);
    }

    @Transactional
    public Change addJwtIdp(
            String name,
            StylingType stylingType,
            JwtConfig config,
            boolean autoRegister,
            TokenPolicyBody policy,
            String editor) {
        return add(name, stylingType, config, ProviderOptions.ofAutoRegister(autoRegister), policy, editor);
    }

    /** ZITADEL's AddJWTProvider: a JWT IdP with provider options (styling unspecified). */
    @Transactional
    public Change addJwtProvider(
            String name, JwtConfig config, ProviderOptions options, TokenPolicyBody policy, String editor) {
        return add(name, StylingType.STYLING_TYPE_UNSPECIFIED, config, options, policy, editor);
    }

    private Change add(
            String name,
            StylingType stylingType,
            JwtConfig config,
            ProviderOptions options,
            TokenPolicyBody policyBody,
            String editor) {
        JwtConfig checked = checkConfig(config);
        TokenPolicy policy = policyBody == null
                ? TokenPolicy.DEFAULT
                : TokenPolicyRules.check(policyBody, checked, outbound::refusalOf);
        if (repository.nameTaken(name, null)) {
            throw IdpErrors.nameTaken();
        }
        JwtIdp idp = new JwtIdp(Ids.next(), name, stylingType, options, checked);
        idp.setUp(policy, StringUtils.hasLength(config.headerName()));
        Map<String, Object> payload = IdpPayloads.settings(idp);
        payload.putAll(IdpPayloads.config(checked));
        if (policyBody != null) {
            payload.put("policy", TokenPolicyBody.of(policy));
        }
        AuditEvent event = auditLog.append(AGGREGATE, idp.getId(), "idp.jwt.added", editor, payload);
        idp.recordEvent(event.sequence(), event.createdAt());
        try {
            repository.insert(idp);
        } catch (DataIntegrityViolationException ex) {
            throw IdpErrors.nameTaken();
        }
        cache.changed();
        events.publishEvent(new IdpChanged(idp.getId(), IdpChanged.Kind.ADDED, idp.configVersion()));
        return new Change(idp, event);
    }

    /**
     * ZITADEL's UpdateJWTProvider: name, JWT configuration and options, whole; the styling and the
     * audience (no template fields) are kept. One event; a new key source when the configuration
     * changed.
     */
    @Transactional
    public Change updateJwtProvider(String id, String name, JwtConfig config, ProviderOptions options, String editor) {
        JwtIdp idp = lock(id);
        JwtConfig given = checkConfig(config);
        JwtConfig checked = new JwtConfig(
                given.jwtEndpoint(),
                given.issuer(),
                given.keysEndpoint(),
                given.headerName(),
                idp.jwtConfig().audience());
        boolean configChanged = !idp.jwtConfig().equals(checked);
        GatewayProofRules.checkJwtHeader(checked, idp.gatewayProof());
        if (!configChanged && idp.name().equals(name) && idp.options().equals(options)) {
            throw IdpErrors.noChange();
        }
        if (!idp.name().equals(name) && repository.nameTaken(name, id)) {
            throw IdpErrors.nameTaken();
        }
        idp.changeTemplate(name, options);
        Map<String, Object> payload = IdpPayloads.settings(idp);
        if (configChanged) {
            idp.changeConfig(checked, StringUtils.hasLength(config.headerName()));
            payload.putAll(IdpPayloads.config(checked));
        }
        return record(
                idp,
                "idp.jwt.provider.changed",
                editor,
                payload,
                configChanged ? IdpChanged.Kind.JWT_CONFIG_CHANGED : IdpChanged.Kind.CHANGED);
    }

    @Transactional
    public Change updateIdp(String id, String name, StylingType stylingType, boolean autoRegister, String editor) {
        JwtIdp idp = lock(id);
        if (idp.sameSettings(name, stylingType, autoRegister)) {
            throw IdpErrors.noChange();
        }
        if (!idp.name().equals(name) && repository.nameTaken(name, id)) {
            throw IdpErrors.nameTaken();
        }
        idp.changeSettings(name, stylingType, autoRegister);
        return record(idp, "idp.changed", editor, IdpPayloads.settings(idp), IdpChanged.Kind.CHANGED);
    }

    @Transactional
    public Change updateJwtConfig(String id, JwtConfig config, String editor) {
        JwtConfig checked = checkConfig(config);
        JwtIdp idp = lock(id);
        if (idp.jwtConfig().equals(checked)) {
            throw IdpErrors.noChange();
        }
        GatewayProofRules.checkJwtHeader(checked, idp.gatewayProof());
        idp.changeConfig(checked, StringUtils.hasLength(config.headerName()));
        return record(
                idp, "idp.jwt.config.changed", editor, IdpPayloads.config(checked), IdpChanged.Kind.JWT_CONFIG_CHANGED);
    }

    /**
     * Sets the proof the JWT handler asks of its caller, whole: a secret (stored as its hash) in a
     * header of its own, and the networks it may call from. Nothing given: no proof asked.
     */
    @Transactional
    public Change changeGatewayProof(
            String id, String headerName, String secret, List<String> allowedNetworks, String editor) {
        JwtIdp idp = lock(id);
        GatewayProof proof = GatewayProofRules.check(idp.jwtConfig(), headerName, secret, allowedNetworks);
        if (proof.equals(idp.gatewayProof())) {
            throw IdpErrors.noChange();
        }
        idp.changeGatewayProof(proof);
        return record(
                idp, "idp.gateway_proof.changed", editor, IdpPayloads.gatewayProof(proof), IdpChanged.Kind.CHANGED);
    }

    @Transactional
    public Change deactivate(String id, String editor) {
        JwtIdp idp = lock(id);
        if (!idp.active()) {
            throw ApiException.failedPrecondition("IDP-NotActive", "idp is not active");
        }
        idp.changeState(IdpState.IDP_STATE_INACTIVE);
        return record(idp, "idp.deactivated", editor, Map.of(), IdpChanged.Kind.DEACTIVATED);
    }

    @Transactional
    public Change reactivate(String id, String editor) {
        JwtIdp idp = lock(id);
        if (idp.active()) {
            throw ApiException.failedPrecondition("IDP-NotInactive", "idp is not inactive");
        }
        idp.changeState(IdpState.IDP_STATE_ACTIVE);
        return record(idp, "idp.reactivated", editor, Map.of(), IdpChanged.Kind.REACTIVATED);
    }

    @Transactional
    public AuditEvent remove(String id, String editor) {
        JwtIdp idp = lock(id);
        AuditEvent event = auditLog.append(AGGREGATE, id, "idp.removed", editor, Map.of("name", idp.name()));
        repository.delete(id);
        cache.changed();
        events.publishEvent(new IdpChanged(id, IdpChanged.Kind.REMOVED, idp.configVersion()));
        return event;
    }

    Change record(JwtIdp idp, String eventType, String editor, Map<String, ?> payload, IdpChanged.Kind kind) {
        AuditEvent event = auditLog.append(AGGREGATE, idp.getId(), eventType, editor, payload);
        idp.recordEvent(event.sequence(), event.createdAt());
        try {
            repository.update(idp);
        } catch (DataIntegrityViolationException ex) {
            throw IdpErrors.nameTaken();
        }
        cache.changed();
        events.publishEvent(new IdpChanged(idp.getId(), kind, idp.configVersion()));
        return new Change(idp, event);
    }

    JwtIdp lock(String id) {
        return repository.findForUpdate(id).orElseThrow(IdpErrors::notFound);
    }

    /** Checks the URLs and fills in the default header name ({@link JwtConfigRules}). */
    JwtConfig checkConfig(JwtConfig config) {
        return JwtConfigRules.check(config, outbound);
    }

    /** A committed change and the audit event that recorded it. */
    public record Change(JwtIdp idp, AuditEvent event) {}
}
