package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.idp.JsonPointer;
import io.jwtbridge.idp.TokenPolicy.ClaimMapping;
import io.jwtbridge.user.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profile a verified token gives (docs/login-flow.md#claim-mapping): the standard OIDC claims, or
 * the IdP's claim mapping (per field an ordered list of JSON Pointers, the first usable value wins;
 * a field without a list reads its standard claim). A missing claim is only absent: registration
 * never needs one (the user name falls back to {@code email}, then {@code sub}).
 * {@code trustEmailVerified: false} makes every email unverified.
 */
final class ProfileMapping {

    static final int MAX = 200;
    static final int MAX_ROLES = 100;

    private ProfileMapping() {}

    static UserProfile of(JWTClaimsSet claims, EffectivePolicy policy) {
        UserProfile standard = UserProfile.fromClaims(claims.getClaims());
        if (!policy.mapsClaims()) {
            return standard;
        }
        ClaimMapping mapping = policy.claimMapping();
        Map<String, Object> json = claims.toJSONObject();
        Boolean verified = mapping == null || mapping.emailVerified() == null
                ? standard.emailVerified()
                : bool(first(json, mapping.emailVerified()));
        if (!policy.trustEmailVerified()) {
            verified = Boolean.FALSE;
        }
        if (mapping == null) {
            return new UserProfile(
                    standard.preferredUsername(),
                    standard.email(),
                    verified,
                    standard.name(),
                    standard.givenName(),
                    standard.familyName(),
                    standard.nickname(),
                    standard.locale(),
                    standard.phoneNumber(),
                    null);
        }
        return new UserProfile(
                text(json, mapping.userName(), standard.preferredUsername()),
                text(json, mapping.email(), standard.email()),
                verified,
                text(json, mapping.displayName(), standard.name()),
                text(json, mapping.givenName(), standard.givenName()),
                text(json, mapping.familyName(), standard.familyName()),
                standard.nickname(),
                text(json, mapping.locale(), standard.locale()),
                standard.phoneNumber(),
                mapping.roles() == null ? null : roles(json, mapping.roles()));
    }

    private static String text(Map<String, Object> json, List<JsonPointer> pointers, String standard) {
        if (pointers == null) {
            return standard;
        }
        for (JsonPointer pointer : pointers) {
            Object value = pointer.find(json);
            if ((value instanceof String || value instanceof Number)
                    && !value.toString().isBlank()) {
                String text = value.toString().strip();
                return text.length() > MAX ? text.substring(0, MAX) : text;
            }
        }
        return null;
    }

    private static Object first(Map<String, Object> json, List<JsonPointer> pointers) {
        for (JsonPointer pointer : pointers) {
            Object value = pointer.find(json);
            if (value != null) {
                return value;
            }
        }
        return null;
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

    /** The first present value: an array of strings, or one string; at most 100 roles of 200 characters. */
    private static List<String> roles(Map<String, Object> json, List<JsonPointer> pointers) {
        Object value = first(json, pointers);
        List<String> roles = new ArrayList<>();
        List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        for (Object role : values) {
            if (role instanceof String text && !text.isBlank() && text.length() <= MAX && roles.size() < MAX_ROLES) {
                if (!roles.contains(text)) {
                    roles.add(text);
                }
            }
        }
        return roles;
    }
}
