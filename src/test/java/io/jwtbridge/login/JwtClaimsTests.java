package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claims parse the verifier uses reads what Nimbus reads and refuses what Nimbus refuses. */
class JwtClaimsTests {

    static SignedJWT withPayload(String json) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(json));
        jws.sign(new ECDSASigner(key));
        return SignedJWT.parse(jws.serialize());
    }

    @Test
    void theClaimsAreNimbusOwnWithTheSameTypes() throws Exception {
        SignedJWT jwt = withPayload("""
                {"iss":"https://idp","sub":"u1","aud":["a","b"],"exp":1893456000,"iat":1700000000.5,
                 "n":7,"big":12345678901,"f":1.5,"ok":true,"groups":["x"],"o":{"k":[1,{"z":null}]},"é":"ü"}""");

        JWTClaimsSet claims = JwtClaims.of(jwt);

        assertThat(claims).isEqualTo(jwt.getJWTClaimsSet());
        assertThat(claims.getClaim("n")).isEqualTo(7L);
        assertThat(claims.getClaim("big")).isEqualTo(12345678901L);
        assertThat(claims.getClaim("f")).isEqualTo(1.5);
        assertThat(claims.getAudience()).containsExactly("a", "b");
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(1893456000L);
        assertThat(claims.getClaim("o"))
                .isEqualTo(Map.of("k", List.of(1L, java.util.Collections.singletonMap("z", null))));
        assertThat(claims.getStringClaim("é")).isEqualTo("ü");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"sub\":\"a\",\"sub\":\"b\"}",
                "[1,2]",
                "\"sub\"",
                "null",
                "{\"sub\":\"a\"} {}",
                "{sub:\"a\"}",
                "{'sub':'a'}",
                "{\"sub\":\"a\" /* c */}",
                "not json"
            })
    void aRepeatedClaimOrAnythingButOneJsonObjectIsRefused(String payload) throws Exception {
        SignedJWT jwt = withPayload(payload);

        assertThatThrownBy(() -> JwtClaims.of(jwt)).isInstanceOf(ParseException.class);
    }
}
