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
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nimbus' {@link RSASSAVerifier} for RS256, RS384 and RS512 that keeps its JCA {@link Signature}
 * objects for the next token instead of looking one up per token (a provider lookup for the
 * signature and one for its digest, about a tenth of an RS256 check). A {@code Signature} serves one
 * thread at a time: each is taken from a small pool and given back; {@code initVerify} resets it.
 * The RSASSA-PSS algorithms keep Nimbus' own path (their parameters live in the object).
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
        if (header.getCriticalParams() != null
                && !getDeferredCriticalHeaderParams().containsAll(header.getCriticalParams())) {
            return false;
        }
        BlockingQueue<Signature> pool = pools.computeIfAbsent(algorithm, a -> new ArrayBlockingQueue<>(POOL_SIZE));
        Signature verifier = pool.poll();
        if (verifier == null) {
            verifier = RSASSA.getSignerAndVerifier(algorithm, getJCAContext().getProvider());
        }
        try {
            verifier.initVerify(getPublicKey());
            verifier.update(signedContent);
            return verifier.verify(signature.decode());
        } catch (InvalidKeyException ex) {
            throw new JOSEException("Invalid public RSA key: " + ex.getMessage(), ex);
        } catch (SignatureException ex) {
            return false;
        } finally {
            pool.offer(verifier);
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
