package io.jwtbridge.idp;

import io.jwtbridge.outbound.OutboundUrlPolicy;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets an IdP's token policy, whole ({@code PUT /admin/v1/idps/{id}/policy}): checked by
 * {@link TokenPolicyRules}, then recorded as every IdP change is ({@link IdpService}): one audit
 * event, a new configuration version (so its keys and verifier are rebuilt), and every instance's
 * settings cache dropped.
 */
@Service
class TokenPolicyService {

    private final IdpService idps;
    private final OutboundUrlPolicy outbound;

    TokenPolicyService(IdpService idps, OutboundUrlPolicy outbound) {
        this.idps = idps;
        this.outbound = outbound;
    }

    @Transactional
    public IdpService.Change change(String id, TokenPolicyBody body, String editor) {
        JwtIdp idp = idps.lock(id);
        TokenPolicy policy = TokenPolicyRules.check(body, idp.jwtConfig(), outbound::refusalOf);
        if (policy.equals(idp.policy())) {
            throw IdpErrors.noChange();
        }
        idp.changePolicy(policy);
        return idps.record(
                idp,
                "idp.policy.changed",
                editor,
                Map.of("policy", TokenPolicyBody.of(policy)),
                IdpChanged.Kind.JWT_CONFIG_CHANGED);
    }
}
