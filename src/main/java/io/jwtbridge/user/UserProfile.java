package io.jwtbridge.user;

import java.util.Map;

/**
 * What a JWT says about its user (OIDC standard claims, or what the IdP's claim mapping found). A
 * {@code null} member means the claim was absent: the stored value is kept.
 *
 * @param roles the roles a claim mapping found (kept on the link); null when the IdP maps none
 */
public record UserProfile(
        String preferredUsername,
        String email,
        Boolean emailVerified,
        String name,
        String givenName,
        String familyName,
        String nickname,
        String locale,
        String phoneNumber,
        java.util.List<String> roles) {

    private static final int MAX = 200;

    /** Without roles. */
    public UserProfile(
            String preferredUsername,
            String email,
            Boolean emailVerified,
            String name,
            String givenName,
            String familyName,
            String nickname,
            String locale,
            String phoneNumber) {
        this(preferredUsername, email, emailVerified, name, givenName, familyName, nickname, locale, phoneNumber, null);
    }

    /**
     * The user name a new user of this identity gets (when free): {@code preferred_username}, else
     * {@code email}, else {@code sub}. Automatic linking by user name looks for it too.
     */
    public static String wantedUserName(String sub, UserProfile profile) {
        for (String value : new String[] {profile.preferredUsername(), profile.email(), sub}) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalArgumentException("sub is required");
    }

    /** Reads the claims; values that are not strings (or booleans) are ignored, long ones cut. */
    public static UserProfile fromClaims(Map<String, Object> claims) {
        return new UserProfile(
                text(claims, "preferred_username"),
                text(claims, "email"),
                bool(claims.get("email_verified")),
                text(claims, "name"),
                text(claims, "given_name"),
                text(claims, "family_name"),
                text(claims, "nickname"),
                text(claims, "locale"),
                text(claims, "phone_number"));
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.length() > MAX ? trimmed.substring(0, MAX) : trimmed;
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        return null;
    }
}
