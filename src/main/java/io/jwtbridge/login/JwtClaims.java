package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims of a JWT whose signature was checked, into Nimbus' own {@link JWTClaimsSet}, but decoded
 * with the JDK's Base64 and parsed with Jackson: Nimbus' Base64 codec and its Gson parse cost about
 * 4 µs more per token, a tenth of an RS256 check (docs/keys-and-caching.md#benchmark). As strict as
 * Nimbus where it matters: a repeated claim name, anything but one JSON object, or a payload that is
 * not base64url is refused; integers are {@code Long}, as Nimbus reads them. Stricter where Nimbus'
 * Gson is lenient (comments, unquoted names, single quotes): such a payload is not JSON.
 */
final class JwtClaims {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JwtClaims() {}

    static JWTClaimsSet of(SignedJWT jwt) throws ParseException {
        Map<?, ?> json;
        try {
            json = JSON.readValue(Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()), Map.class);
        } catch (IllegalArgumentException | JacksonException ex) {
            throw new ParseException("The payload of the JWT is not a JSON object", 0);
        }
        if (json == null) {
            throw new ParseException("The payload of the JWT is not a JSON object", 0);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) json;
        return JWTClaimsSet.parse(claims);
    }
}
