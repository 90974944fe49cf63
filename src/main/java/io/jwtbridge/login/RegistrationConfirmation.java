package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.Ids;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.login.PendingRegistrations.Pending;
import io.jwtbridge.user.UserProfile;
import io.jwtbridge.user.UserProvisioning;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The browser's answer for an unknown user of an IdP that allows creation but not automatic
 * creation: the callback shows the profile from the token, "create" registers the user and sends
 * the browser on to the callback (which finishes the login), "cancel" sends {@code access_denied}
 * to the app. Only the browser that started the flow (binding cookie) and holds the flow's one-time
 * handle may answer, once: that is the form's protection against cross-site requests.
 */
@Service
class RegistrationConfirmation {

    private static final Logger log = LoggerFactory.getLogger(RegistrationConfirmation.class);

    static final String CANCELLED = "the user did not create an account";

    private final PendingRegistrations pending;
    private final IdpService idps;
    private final UserProvisioning provisioning;
    private final String issuer;

    RegistrationConfirmation(
            PendingRegistrations pending, IdpService idps, UserProvisioning provisioning, BridgeProperties properties) {
        this.pending = pending;
        this.idps = idps;
        this.provisioning = provisioning;
        this.issuer = properties.issuerValue();
    }

    /** What the confirmation page shows. */
    record Page(Pending pending, String idpName, String userName) {}

    /** The page for this browser and handle, when its flow waits for an answer. */
    Optional<Page> page(String flowId, String handle, Optional<String> binding) {
        return find(flowId, handle, binding, false)
                .map(found -> new Page(
                        found,
                        idps.find(found.idpId()).map(JwtIdp::name).orElse(""),
                        UserProfile.wantedUserName(found.sub(), found.profile())));
    }

    @Transactional
    JwtLogin.Answer create(String flowId, String handle, Optional<String> binding) {
        Optional<Pending> found = find(flowId, handle, binding, true);
        if (found.isEmpty()) {
            return new JwtLogin.ErrorPage(400, JwtLogin.UNKNOWN_FLOW);
        }
        Pending flow = found.get();
        Optional<JwtIdp> idp = idps.find(flow.idpId());
        if (idp.isEmpty() || !idp.get().active()) {
            return refuse(flow, "idp_inactive", "the identity provider is deactivated or removed");
        }
        if (!idp.get().options().creationAllowed()) {
            return refuse(
                    flow,
                    UserProvisioning.UNKNOWN_USER,
                    "no user is linked to this identity and the IdP does not register users");
        }
        UserProvisioning.Outcome outcome = provisioning.registerConfirmed(flow.idpId(), flow.sub(), flow.profile());
        if (!outcome.succeeded()) {
            return refuse(flow, outcome.reason(), outcome.refusal());
        }
        String next = Ids.secret();
        pending.created(flow.flowId(), outcome.user().id(), Secrets.hash(next));
        log.info("Account created after confirmation for idp {}", flow.idpId());
        return new JwtLogin.Redirect(JwtLogin.callbackUrl(issuer, flow.flowId(), next));
    }

    @Transactional
    JwtLogin.Answer cancel(String flowId, String handle, Optional<String> binding) {
        return find(flowId, handle, binding, true)
                .map(flow -> refuse(flow, "cancelled", CANCELLED))
                .orElseGet(() -> new JwtLogin.ErrorPage(400, JwtLogin.UNKNOWN_FLOW));
    }

    private JwtLogin.Answer refuse(Pending flow, String reason, String description) {
        log.info("Account creation refused for idp {}: {}", flow.idpId(), reason);
        pending.refused(flow.flowId(), reason);
        return new JwtLogin.Redirect(AppRedirects.accessDenied(flow.redirectUri(), flow.state(), description, issuer));
    }

    private Optional<Pending> find(String flowId, String handle, Optional<String> binding, boolean lock) {
        if (!Secrets.wellFormed(flowId) || !Secrets.wellFormed(handle) || binding.isEmpty()) {
            return Optional.empty();
        }
        return pending.find(flowId, Secrets.hash(binding.get()), Secrets.hash(handle), lock);
    }
}
