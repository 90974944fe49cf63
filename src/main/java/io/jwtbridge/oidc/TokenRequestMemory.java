package io.jwtbridge.oidc;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What one request found in the authorization store, kept for the rest of that request (request
 * attributes): the code's authorization (so the Authorization Server's second lookup and the
 * existence check before the update read nothing again), whether it may be redeemed, the refresh
 * token it may claim, and every authorization it has seen (saving one back only ever updates it).
 * Outside a request (no attributes) it remembers nothing.
 */
final class TokenRequestMemory {

    private static final String PREFIX = TokenRequestMemory.class.getName();
    private static final String FOUND = PREFIX + ".found";
    private static final String REDEEMING = PREFIX + ".redeeming";
    private static final String REFRESHING = PREFIX + ".refreshing";
    private static final String SEEN = PREFIX + ".seen.";

    /** The refresh token a token request found, as it was stored: its refresh claims it. */
    record Refresh(String id, String hash, String metadata) {}

    private final RequestAttributes request;

    private TokenRequestMemory(RequestAttributes request) {
        this.request = request;
    }

    static TokenRequestMemory current() {
        return new TokenRequestMemory(RequestContextHolder.getRequestAttributes());
    }

    /** The code's authorization this request found, if any. */
    OAuth2Authorization found() {
        return request != null
                        && request.getAttribute(FOUND, RequestAttributes.SCOPE_REQUEST)
                                instanceof OAuth2Authorization found
                ? found
                : null;
    }

    /** A redeemed code's authorization (a replay): kept, but not to be redeemed. */
    void foundReplay(OAuth2Authorization authorization) {
        set(FOUND, authorization);
    }

    /** A not yet redeemed code's authorization: the redemption may follow in this request. */
    void foundRedeemable(OAuth2Authorization authorization) {
        set(FOUND, authorization);
        set(REDEEMING, authorization.getId());
    }

    boolean redeeming(String id) {
        return request != null && id.equals(request.getAttribute(REDEEMING, RequestAttributes.SCOPE_REQUEST));
    }

    void redeemed() {
        remove(REDEEMING);
        remove(FOUND);
    }

    /** Remembers that {@code found} exists (saving it back only updates it); returns it. */
    OAuth2Authorization seen(OAuth2Authorization found) {
        if (found != null) {
            set(SEEN + found.getId(), Boolean.TRUE);
        }
        return found;
    }

    boolean wasSeen(String id) {
        return request != null && request.getAttribute(SEEN + id, RequestAttributes.SCOPE_REQUEST) != null;
    }

    /** A refresh token found at the token endpoint: the refresh that follows claims it. */
    void refreshing(Refresh refresh) {
        if (atTokenEndpoint()) {
            set(REFRESHING, refresh);
        }
    }

    /** The refresh of {@code id} this request may claim, taken (at most once). */
    Refresh takeRefresh(String id) {
        if (request != null
                && request.getAttribute(REFRESHING, RequestAttributes.SCOPE_REQUEST) instanceof Refresh refresh
                && refresh.id().equals(id)) {
            remove(REFRESHING);
            return refresh;
        }
        return null;
    }

    private boolean atTokenEndpoint() {
        return request instanceof ServletRequestAttributes servlet
                && AuthorizationServerConfiguration.TOKEN.equals(
                        servlet.getRequest().getServletPath());
    }

    private void set(String name, Object value) {
        if (request != null) {
            request.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private void remove(String name) {
        if (request != null) {
            request.removeAttribute(name, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
