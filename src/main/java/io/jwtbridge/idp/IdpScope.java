package io.jwtbridge.idp;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;

/** ZITADEL's scope that asks for one IdP: {@code urn:zitadel:iam:org:idp:id:{idpId}}. */
public final class IdpScope {

    public static final String PREFIX = "urn:zitadel:iam:org:idp:id:";

    /** The authority of a session signed in through an IdP: this prefix and the IdP id. */
    public static final String SESSION_AUTHORITY_PREFIX = "IDP_";

    private IdpScope() {}

    public static boolean is(String scope) {
        return scope.startsWith(PREFIX) && scope.length() > PREFIX.length();
    }

    /** The IdP a signed-in user came through, from its authorities (none for a client). */
    public static Optional<String> sessionIdp(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(SESSION_AUTHORITY_PREFIX))
                .map(authority -> authority.substring(SESSION_AUTHORITY_PREFIX.length()))
                .findFirst();
    }

    /** The IdP ids the scopes ask for. */
    public static List<String> idpIds(Collection<String> scopes) {
        return scopes.stream()
                .filter(IdpScope::is)
                .map(s -> s.substring(PREFIX.length()))
                .toList();
    }
}
