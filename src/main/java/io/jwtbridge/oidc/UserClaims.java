package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/** The claims of a user for the scopes an app was granted: the same in the ID token and at userinfo. */
@Component
class UserClaims {

    private final Users users;

    UserClaims(Users users) {
        this.users = users;
    }

    Map<String, Object> of(String userId, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        User user = users.find(userId).orElse(null);
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
