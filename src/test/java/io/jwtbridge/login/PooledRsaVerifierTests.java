package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reused signature objects give the verdicts of a fresh one, also after a refusal and across threads. */
class PooledRsaVerifierTests {

    static final RSAKey KEY = key();
    static final RSAKey OTHER = key();

    static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("k").generate();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static SignedJWT signed(JWSAlgorithm algorithm, RSAKey key, String sub) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm).keyID("k").build(),
                new JWTClaimsSet.Builder().subject(sub).build());
        jwt.sign(new RSASSASigner(key));
        return SignedJWT.parse(jwt.serialize());
    }

    static boolean verify(PooledRsaVerifier verifier, SignedJWT jwt, Base64URL signature) throws Exception {
        return verifier.verify(jwt.getHeader(), jwt.getSigningInput(), signature);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256"})
    void aValidSignatureIsValidAndAnyOtherIsNotThenValidAgain(String algorithm) throws Exception {
        PooledRsaVerifier verifier = new PooledRsaVerifier(KEY.toRSAPublicKey());
        SignedJWT good = signed(JWSAlgorithm.parse(algorithm), KEY, "a");
        SignedJWT foreign = signed(JWSAlgorithm.parse(algorithm), OTHER, "a");

        assertThat(verify(verifier, good, good.getSignature())).isTrue();
        assertThat(verify(verifier, good, foreign.getSignature()))
                .as("another key's signature")
                .isFalse();
        assertThat(verify(verifier, good, new Base64URL("AAAA")))
                .as("too short")
                .isFalse();
        assertThat(verify(verifier, good, new Base64URL("!!not base64url!!"))).isFalse();
        assertThat(verify(verifier, signed(JWSAlgorithm.parse(algorithm), KEY, "b"), good.getSignature()))
                .as("the signature of other content")
                .isFalse();
        assertThat(verify(verifier, good, good.getSignature()))
                .as("after refusals")
                .isTrue();
    }

    @Test
    void manyThreadsGetTheRightVerdictEachTime() throws Exception {
        PooledRsaVerifier verifier = new PooledRsaVerifier(KEY.toRSAPublicKey());
        SignedJWT good = signed(JWSAlgorithm.RS256, KEY, "a");
        SignedJWT foreign = signed(JWSAlgorithm.RS256, OTHER, "a");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> verdicts = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                boolean valid = i % 3 != 0;
                verdicts.add(
                        threads.submit(() -> verify(verifier, good, (valid ? good : foreign).getSignature()) == valid));
            }
            for (Future<Boolean> verdict : verdicts) {
                assertThat(verdict.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
