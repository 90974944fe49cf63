package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.BridgeProperties;
import io.jwtbridge.Ids;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.user.UserProfile;
import io.jwtbridge.user.UserProvisioning;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The JWT handler and the callback (DESIGN §7 steps 3–8): verify the forwarded JWT, find or register
 * the user, answer the WAF with a redirect to the callback that carries a one-time handle, and let
 * only the browser that started the flow and holds that handle finish it.
 */
@Service
class JwtLogin {

    private static final Logger log = LoggerFactory.getLogger(JwtLogin.class);

    private static final String UNKNOWN_FLOW =
            "This login request is unknown, expired or already used. Start again from the application.";

    static final String CALLBACK_PATH = "/ui/login/login/jwt/callback";

    private final LoginFlows flows;
    private final IdpService idps;
    private final IdpTokenVerifier verifier;
    private final UserProvisioning provisioning;
    private final String issuer;

    JwtLogin(
            LoginFlows flows,
            IdpService idps,
            IdpTokenVerifier verifier,
            UserProvisioning provisioning,
            BridgeProperties properties) {
        this.flows = flows;
        this.idps = idps;
        this.verifier = verifier;
        this.provisioning = provisioning;
        this.issuer = properties.issuerValue();
    }

    /** Where to send the browser after the WAF's request: the callback, or the app with an error. */
    sealed interface Answer {}

    record Redirect(String location) implements Answer {}

    record ErrorPage(int status, String message) implements Answer {}

    /** The refusal reason when the caller did not prove it is the IdP's gateway. */
    static final String GATEWAY_PROOF_FAILED = "gateway_proof_failed";

    /**
     * Step 3–6: the WAF's request with the JWT in the IdP's header (all values of that header), from
     * the given caller address.
     */
    Answer handleToken(String flowId, Function<String, List<String>> headers, String callerAddress) {
        Optional<LoginFlow> started = Secrets.wellFormed(flowId) ? flows.findStarted(flowId) : Optional.empty();
        if (started.isEmpty()) {
            return new ErrorPage(400, UNKNOWN_FLOW);
        }
        LoginFlow flow = started.get();
        Optional<JwtIdp> found = idps.find(flow.idpId());
        if (found.isEmpty() || !found.get().active()) {
            return refuse(flow, "idp_inactive", "the identity provider is deactivated or removed");
        }
        JwtIdp idp = found.get();
        Optional<String> unproven = idp.gatewayProof().failure(headers, callerAddress);
        if (unproven.isPresent()) {
            // Before the token is looked at: an unproven caller never makes the bridge fetch keys.
            log.info("Gateway proof failed for idp {}: wrong {}", idp.getId(), unproven.get());
            verifier.refused(idp, GATEWAY_PROOF_FAILED);
            return refuse(
                    flow,
                    GATEWAY_PROOF_FAILED,
                    GATEWAY_PROOF_FAILED + ": the request did not come through the identity provider's gateway");
        }
        List<String> headerValues = headers.apply(idp.jwtConfig().headerName());
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idp, headerValues);
        } catch (IdpTokenVerifier.TokenRefusedException ex) {
            return refuse(flow, ex.reason(), ex.getMessage());
        }
        UserProvisioning.Outcome outcome = provisioning.signIn(
                idp.getId(), idp.autoRegister(), claims.getSubject(), UserProfile.fromClaims(claims.getClaims()));
        if (!outcome.succeeded()) {
            return refuse(flow, "no_user", outcome.refusal());
        }
        String handle = Ids.secret();
        if (!flows.verify(flow.id(), outcome.user().id(), Secrets.hash(handle))) {
            return new ErrorPage(400, UNKNOWN_FLOW);
        }
        log.info("Token accepted for idp {} (flow continues at the callback)", idp.getId());
        return new Redirect(UriComponentsBuilder.fromUriString(issuer + CALLBACK_PATH)
                .queryParam("authRequestID", flow.id())
                .queryParam("handle", handle)
                .build()
                .toUriString());
    }

    private Answer refuse(LoginFlow flow, String reason, String description) {
        log.info("Token refused for idp {}: {}", flow.idpId(), reason);
        if (!flows.refuse(flow.id(), reason)) {
            return new ErrorPage(400, UNKNOWN_FLOW);
        }
        return new Redirect(AppRedirects.accessDenied(flow.redirectUri(), flow.state(), description, issuer));
    }

    /** A finished flow: who signed in, and the authorize request to resume. */
    record SignIn(Authentication authentication, String authorizeQuery) {}

    /** Step 7: only with this browser's binding and the handle does the flow finish, once. */
    Optional<SignIn> callback(String flowId, String handle, Optional<String> binding) {
        if (!Secrets.wellFormed(flowId) || !Secrets.wellFormed(handle) || binding.isEmpty()) {
            return Optional.empty();
        }
        return flows.consume(flowId, Secrets.hash(binding.get()), Secrets.hash(handle))
                .map(flow -> new SignIn(
                        UsernamePasswordAuthenticationToken.authenticated(
                                flow.userId(),
                                null,
                                List.of(
                                        FactorGrantedAuthority.withFactor("JWT_IDP")
                                                .issuedAt(Instant.now())
                                                .build(),
                                        new SimpleGrantedAuthority(IdpScope.SESSION_AUTHORITY_PREFIX + flow.idpId()))),
                        flow.authorizeQuery()));
    }
}
