package io.jwtbridge.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.RSASSA;
import com.nimbusds.jose.util.Base64URL;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nimbus' {@link RSASSAVerifier} for RS256, RS384 and RS512, cheaper per token: its JCA
 * {@link Signature} objects, initialised with the key once, serve the next tokens (no provider
 * lookups for the signature and its digest, no key check per token), and the signature is decoded
 * with the JDK's Base64 (Nimbus' own codec costs about 2 µs for an RSA signature). A
 * {@code Signature} serves one thread at a time: taken from a small pool and given back after a
 * verification, which leaves it as {@code initVerify} did. The RSASSA-PSS algorithms keep Nimbus'
 * own path (their parameters live in the object).
 */
final class PooledRsaVerifier extends RSASSAVerifier {

    private static final int POOL_SIZE = 16;

    private final Map<JWSAlgorithm, BlockingQueue<Signature>> pools = new ConcurrentHashMap<>();

    PooledRsaVerifier(RSAPublicKey publicKey) {
        super(publicKey);
    }

    static boolean pools(JWSAlgorithm algorithm) {
        return JWSAlgorithm.RS256.equals(algorithm)
                || JWSAlgorithm.RS384.equals(algorithm)
                || JWSAlgorithm.RS512.equals(algorithm);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!pools(algorithm)) {
            return super.verify(header, signedContent, signature);
        }
        if (!criticalParamsPass(header)) {
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getUrlDecoder().decode(signature.toString());
        } catch (IllegalArgumentException ex) {
            return false;
        }
        BlockingQueue<Signature> pool = pools.computeIfAbsent(algorithm, a -> new ArrayBlockingQueue<>(POOL_SIZE));
        Signature verifier = pool.poll();
        try {
            if (verifier == null) {
                verifier =
                        RSASSA.getSignerAndVerifier(algorithm, getJCAContext().getProvider());
                verifier.initVerify(getPublicKey());
            }
            verifier.update(signedContent);
            // verify() leaves the object as initVerify did: ready for the next token.
            boolean valid = verifier.verify(signatureBytes);
            pool.offer(verifier);
            return valid;
        } catch (InvalidKeyException ex) {
            throw new JOSEException("Invalid public RSA key: " + ex.getMessage(), ex);
        } catch (SignatureException ex) {
            // Not given back: its state after a failure is not defined.
            return false;
        }
    }

    /** Nimbus' rule: each critical header parameter is one the verifier processes or defers. */
    private boolean criticalParamsPass(JWSHeader header) {
        if (header.getCriticalParams() == null) {
            return true;
        }
        for (String name : header.getCriticalParams()) {
            if (!getProcessedCriticalHeaderParams().contains(name)
                    && !getDeferredCriticalHeaderParams().contains(name)) {
                return false;
            }
        }
        return true;
    }
}
