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

    static final String UNKNOWN_FLOW =
            "This login request is unknown, expired or already used. Start again from the application.";

    static final String CALLBACK_PATH = "/ui/login/login/jwt/callback";

    /** ZITADEL's login v2 path of the JWT handler, served like {@code /ui/login/login/jwt/authorize}. */
    static final String LOGIN_V2_PATH = "/idps/jwt";

    private final LoginFlows flows;
    private final IdpService idps;
    private final IdpTokenVerifier verifier;
    private final UserProvisioning provisioning;
    private final PendingRegistrations pending;
    private final String issuer;

    JwtLogin(
            LoginFlows flows,
            IdpService idps,
            IdpTokenVerifier verifier,
            UserProvisioning provisioning,
            PendingRegistrations pending,
            BridgeProperties properties) {
        this.flows = flows;
        this.pending = pending;
        this.idps = idps;
        this.verifier = verifier;
        this.provisioning = provisioning;
        this.issuer = properties.issuerValue();
    }

    /** Where to send the browser after the WAF's request: the callback, or the app with an error. */
    sealed interface Answer {}

    record Redirect(String location) implements Answer {}

    record ErrorPage(int status, String message) implements Answer {}

    /** Step 3–6: the WAF's request with the JWT in the IdP's header (all values of that header). */
    Answer handleToken(String flowId, Function<String, List<String>> headers) {
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
        List<String> headerValues = headers.apply(idp.jwtConfig().headerName());
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idp, headerValues);
        } catch (IdpTokenVerifier.TokenRefusedException ex) {
            return refuse(flow, ex.reason(), ex.getMessage());
        }
        UserProfile profile = UserProfile.fromClaims(claims.getClaims());
        UserProvisioning.Outcome outcome =
                provisioning.signIn(idp.getId(), idp.options(), claims.getSubject(), profile);
        String handle = Ids.secret();
        if (outcome.needsConfirmation()) {
            if (!pending.await(flow.id(), Secrets.hash(handle), claims.getSubject(), profile)) {
                return new ErrorPage(400, UNKNOWN_FLOW);
            }
            log.info("Token accepted for idp {} (the browser confirms the new account at the callback)", idp.getId());
            return new Redirect(callbackUrl(issuer, flow.id(), handle));
        }
        if (!outcome.succeeded()) {
            return refuse(flow, outcome.reason(), outcome.refusal());
        }
        if (!flows.verify(flow.id(), outcome.user().id(), Secrets.hash(handle))) {
            return new ErrorPage(400, UNKNOWN_FLOW);
        }
        log.info("Token accepted for idp {} (flow continues at the callback)", idp.getId());
        return new Redirect(callbackUrl(issuer, flow.id(), handle));
    }

    /** Step 6's redirect: the callback with the flow id and a one-time handle. */
    static String callbackUrl(String issuer, String flowId, String handle) {
        return UriComponentsBuilder.fromUriString(issuer + CALLBACK_PATH)
                .queryParam("authRequestID", flowId)
                .queryParam("handle", handle)
                .build()
                .toUriString();
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
