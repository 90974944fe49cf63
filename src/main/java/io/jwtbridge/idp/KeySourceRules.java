package io.jwtbridge.idp;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtbridge.idp.TokenPolicy.Keys;
import io.jwtbridge.idp.TokenPolicy.KeysSource;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of a token policy's {@code keys}: an inline JWKS of public keys only, a PEM URL template
 * with {@code {kid}} once in its path and the URL rules of a keys endpoint.
 */
final class KeySourceRules {

    private KeySourceRules() {}

    static Keys keys(TokenPolicyBody.KeysBody body, Function<String, Optional<String>> urlRefusal) {
        if (body == null) {
            return null;
        }
        if (body.source() == null) {
            throw TokenPolicyRules.invalid(
                    "keys.source", "value is required (JWKS_URL, INLINE_JWKS or PEM_URL_BY_KID)");
        }
        if (body.source() != KeysSource.INLINE_JWKS && body.inlineJwks() != null) {
            throw TokenPolicyRules.invalid("keys.inlineJwks", "only with the source INLINE_JWKS");
        }
        if (body.source() != KeysSource.PEM_URL_BY_KID && body.pemUrlTemplate() != null) {
            throw TokenPolicyRules.invalid("keys.pemUrlTemplate", "only with the source PEM_URL_BY_KID");
        }
        if (body.source() == KeysSource.INLINE_JWKS) {
            return new Keys(KeysSource.INLINE_JWKS, inlineJwks(body.inlineJwks()), null);
        }
        if (body.source() == KeysSource.PEM_URL_BY_KID && body.pemUrlTemplate() != null) {
            String template = body.pemUrlTemplate();
            TokenPolicyRules.text("keys.pemUrlTemplate", template, 500);
            int at = template.indexOf(TokenPolicyRules.KID);
            if (at < 0
                    || at != template.lastIndexOf(TokenPolicyRules.KID)
                    || !template.substring(0, at).matches("^https?://[^/?#]+/.*")) {
                throw TokenPolicyRules.invalid(
                        "keys.pemUrlTemplate", "must hold {kid} once, in the path of an absolute URL");
            }
            if (urlRefusal != null) {
                urlRefusal.apply(template.replace(TokenPolicyRules.KID, "kid")).ifPresent(reason -> {
                    throw TokenPolicyRules.invalid("keys.pemUrlTemplate", reason);
                });
            }
        }
        return new Keys(body.source(), null, body.pemUrlTemplate());
    }

    private static Map<String, Object> inlineJwks(Map<String, Object> given) {
        if (given == null) {
            throw TokenPolicyRules.invalid("keys.inlineJwks", "value is required with the source INLINE_JWKS");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(given);
        } catch (ParseException | RuntimeException ex) {
            throw TokenPolicyRules.invalid("keys.inlineJwks", "not a JWK set");
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > 100) {
            throw TokenPolicyRules.invalid("keys.inlineJwks", "must hold 1 to 100 keys");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate() || KeyType.OCT.equals(key.getKeyType())) {
                throw TokenPolicyRules.invalid(
                        "keys.inlineJwks", "must hold public keys only (no private or symmetric key members)");
            }
            if (key instanceof RSAKey rsa && rsa.size() < 2048) {
                throw TokenPolicyRules.invalid("keys.inlineJwks", "RSA keys must have at least 2048 bits");
            }
        }
        return set.toJSONObject(true);
    }
}
