package io.jwtbridge.oidc;

import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims of a user for the scopes an app was granted: the same in the ID token and at userinfo.
 * The user and its roles are read once per request (one statement), however many tokens it issues.
 */
@Component
class UserClaims {

    private static final String READ = UserClaims.class.getName() + ".read.";

    private final Users users;
    private final JsonMapper json;

    UserClaims(Users users, JsonMapper json) {
        this.users = users;
        this.json = json;
    }

    /**
     * What every token of a user signed in through an IdP carries (docs/login-flow.md#id-token-and-userinfo):
     * {@code idp} (the IdP's id), {@code amr: ["ext"]}, and {@code roles} when the IdP maps them.
     * Nothing for a principal that did not come through an IdP (an app's client credentials).
     */
    Map<String, Object> upstream(Authentication principal) {
        String idpId = idpOf(principal);
        return idpId == null ? new LinkedHashMap<>() : upstream(principal.getName(), idpId);
    }

    /** {@link #upstream(Authentication)} of a user signed in through {@code idpId}. */
    Map<String, Object> upstream(String userId, String idpId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("idp", idpId);
        // Mutable lists: the stored authorization's claims are read back through Spring
        // Security's Jackson allow-list, which refuses the JDK's immutable collections.
        claims.put("amr", new ArrayList<>(List.of("ext")));
        roles(userId, idpId).ifPresent(roles -> claims.put("roles", roles));
        return claims;
    }

    /** What another statement of this request read of the user (the code's check): not read again. */
    static void remember(Users.WithRoles read, String idpId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(readKey(read.user().id(), idpId), Optional.of(read), RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The user and its roles through the IdP, read once per request (request attributes). */
    private Optional<Users.WithRoles> read(String userId, String idpId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = readKey(userId, idpId);
        if (request != null
                && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Optional<?> known) {
            @SuppressWarnings("unchecked")
            Optional<Users.WithRoles> read = (Optional<Users.WithRoles>) known;
            return read;
        }
        Optional<Users.WithRoles> read = users.findWithRoles(userId, idpId);
        if (request != null) {
            request.setAttribute(key, read, RequestAttributes.SCOPE_REQUEST);
        }
        return read;
    }

    private static String readKey(String userId, String idpId) {
        return READ + userId + "|" + idpId;
    }

    /** The roles the IdP's claim mapping found at the user's last login through it. */
    private Optional<List<String>> roles(String userId, String idpId) {
        return read(userId, idpId)
                .map(Users.WithRoles::roles)
                .map(roles -> new ArrayList<>(List.of(json.readValue(roles, String[].class))));
    }

    static String idpOf(Authentication principal) {
        if (principal == null) {
            return null;
        }
        for (GrantedAuthority authority : principal.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(IdpScope.SESSION_AUTHORITY_PREFIX)) {
                return name.substring(IdpScope.SESSION_AUTHORITY_PREFIX.length());
            }
        }
        return null;
    }

    /** The scopes' claims; {@code idpId}: the IdP the user signed in through (its roles come along). */
    Map<String, Object> of(String userId, Set<String> scopes, String idpId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        User user = read(userId, idpId).map(Users.WithRoles::user).orElse(null);
        if (user == null) {
            return claims;
        }
        if (scopes.contains(OidcScopes.PROFILE)) {
            put(claims, "name", user.displayName());
            put(claims, "given_name", user.givenName());
            put(claims, "family_name", user.familyName());
            put(claims, "nickname", user.nickName());
            put(claims, "preferred_username", user.userName());
            put(claims, "locale", user.preferredLanguage());
            claims.put("updated_at", Date.from(user.changedAt()));
        }
        if (scopes.contains(OidcScopes.EMAIL) && user.email() != null) {
            claims.put("email", user.email());
            claims.put("email_verified", user.emailVerified());
        }
        if (scopes.contains(OidcScopes.PHONE) && user.phone() != null) {
            claims.put("phone_number", user.phone());
        }
        return claims;
    }

    /** Userinfo: the claims of the scopes, and the roles of the IdP the user signed in through. */
    Map<String, Object> userInfo(String userId, Set<String> scopes, Authentication principal) {
        String idpId = idpOf(principal);
        Map<String, Object> claims = of(userId, scopes, idpId);
        if (idpId != null) {
            roles(userId, idpId).ifPresent(roles -> claims.put("roles", roles));
        }
        return claims;
    }

    /** Dates as epoch seconds, as userinfo's JSON wants them. */
    static Map<String, Object> forJson(Map<String, Object> claims) {
        claims.replaceAll(
                (name, value) -> value instanceof Date date ? date.toInstant().getEpochSecond() : value);
        return claims;
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
