package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.Ids;
import io.jwtbridge.app.AppIdps;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The JWT handler and the callback (docs/login-flow.md steps 3–8): verify the forwarded JWT, find or register
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
    private final UpstreamTokens upstreamTokens;
    private final RegisteredClientRepository clients;
    private final PendingRegistrations pending;
    private final String issuer;
    private final Clock clock;

    JwtLogin(
            LoginFlows flows,
            IdpService idps,
            IdpTokenVerifier verifier,
            UpstreamTokens upstreamTokens,
            RegisteredClientRepository clients,
            PendingRegistrations pending,
            BridgeProperties properties,
            Clock clock) {
        this.clock = clock;
        this.flows = flows;
        this.pending = pending;
        this.idps = idps;
        this.verifier = verifier;
        this.upstreamTokens = upstreamTokens;
        this.clients = clients;
        this.issuer = properties.issuerValue();
    }

    /** Where to send the browser after the WAF's request: the callback, or the app with an error. */
    sealed interface Answer {}

    record Redirect(String location) implements Answer {}

    record ErrorPage(int status, String message) implements Answer {}

    /** The refusal reason when the caller did not prove it is the IdP's gateway. */
    static final String GATEWAY_PROOF_FAILED = "gateway_proof_failed";

    /** The refusal when the app's {@code allowedIdpIds} do not include the flow's IdP. */
    static final String IDP_NOT_ALLOWED = "idp_not_allowed";

    static final String IDP_NOT_ALLOWED_DESCRIPTION =
            IDP_NOT_ALLOWED + ": the application may not sign users in through this identity provider";

    /**
     * Step 3–6: the WAF's request with the JWT in the IdP's header (all values of that header), from
     * the given caller address.
     */
    Answer handleToken(
            String flowId,
            Function<String, List<String>> headers,
            Function<String, List<String>> cookies,
            String callerAddress) {
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
        if (!appAllows(flow)) {
            return refuse(flow, IDP_NOT_ALLOWED, IDP_NOT_ALLOWED_DESCRIPTION);
        }
        Optional<String> unproven = idp.gatewayProof().failure(headers, callerAddress);
        if (unproven.isPresent()) {
            // Before the token is looked at: an unproven caller never makes the bridge fetch keys.
            log.info("Gateway proof failed for idp {}: wrong {}", idp.getId(), unproven.get());
            verifier.refused(idp, GATEWAY_PROOF_FAILED);
            // The flow is left as it is: a caller without the proof cannot end a login it only
            // knows the id of; the gateway's own call can still finish it.
            return new Redirect(AppRedirects.accessDenied(
                    flow.redirectUri(),
                    flow.state(),
                    GATEWAY_PROOF_FAILED + ": the request did not come through the identity provider's gateway",
                    issuer));
        }
        String handle = Ids.secret();
        // The flow's STARTED → VERIFIED commits with the sign-in's own writes (its audit event).
        UpstreamTokens.Result result = upstreamTokens.signInAndFinish(
                idp,
                new TokenInput.Request(headers, cookies),
                userId -> flows.verify(flow.id(), userId, Secrets.hash(handle)),
                returning -> flows.verifyReturning(flow.id(), returning, Secrets.hash(handle)));
        if (result instanceof UpstreamTokens.NeedsConfirmation confirm) {
            if (!pending.await(flow.id(), Secrets.hash(handle), confirm.sub(), confirm.profile())) {
                return new ErrorPage(400, UNKNOWN_FLOW);
            }
            log.debug("Token accepted for idp {} (the browser confirms the new account at the callback)", idp.getId());
            return new Redirect(callbackUrl(issuer, flow.id(), handle));
        }
        if (result instanceof UpstreamTokens.Refused refused) {
            return refuse(flow, refused.reason(), refused.description());
        }
        if (result instanceof UpstreamTokens.Abandoned) {
            return new ErrorPage(400, UNKNOWN_FLOW);
        }
        // DEBUG: every accepted login is an audit event and a metric count already; at INFO a busy
        // bridge writes a line per login (docs/operations.md#logs).
        log.debug("Token accepted for idp {} (flow continues at the callback)", idp.getId());
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

    /** Whether the flow's app may sign users in through the flow's IdP (its {@code allowedIdpIds}). */
    private boolean appAllows(LoginFlow flow) {
        RegisteredClient client = clients.findByClientId(flow.clientId());
        return client != null && AppIdps.allows(client, flow.idpId());
    }

    /** A finished flow: who signed in, and the authorize request to resume. */
    record SignIn(Authentication authentication, String authorizeQuery) implements Answer {}

    /**
     * Step 7: only with this browser's binding and the handle does the flow finish, once: a
     * {@link SignIn}, or a {@link Redirect} with {@code access_denied} for the app when its IdPs no
     * longer include the flow's.
     */
    Optional<Answer> callback(String flowId, String handle, Optional<String> binding) {
        if (!Secrets.wellFormed(flowId) || !Secrets.wellFormed(handle) || binding.isEmpty()) {
            return Optional.empty();
        }
        return flows.consume(flowId, Secrets.hash(binding.get()), Secrets.hash(handle))
                .map(flow -> !appAllows(flow)
                        ? new Redirect(AppRedirects.accessDenied(
                                flow.redirectUri(), flow.state(), IDP_NOT_ALLOWED_DESCRIPTION, issuer))
                        : new SignIn(
                                UsernamePasswordAuthenticationToken.authenticated(
                                        flow.userId(),
                                        null,
                                        List.of(
                                                FactorGrantedAuthority.withFactor("JWT_IDP")
                                                        .issuedAt(clock.instant())
                                                        .build(),
                                                new SimpleGrantedAuthority(
                                                        IdpScope.SESSION_AUTHORITY_PREFIX + flow.idpId()))),
                                flow.authorizeQuery()));
    }
}
