package io.jwtbridge.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Key selection and signature check against an IdP's keys, with what Nimbus' own
 * {@code JWSVerificationKeySelector} and {@code DefaultJWTProcessor} lack:
 *
 * <ul>
 *   <li>the Java key and the verifier of each cached JWK are made once, not on every token (the
 *       benchmark measured RS256 at 0.67 of bare Nimbus with a conversion per token);
 *   <li>Ed25519 (EdDSA): Nimbus has no Java-key converter for OKP keys, so they travel wrapped in
 *       {@link OkpPublicKey} to Nimbus' own {@link Ed25519Verifier};
 *   <li>RSA keys verify through {@link PooledRsaVerifier}, which reuses its JCA signature objects.
 * </ul>
 *
 * Keys are matched as Nimbus matches them ({@link JWKMatcher#forJWSHeader}): exact {@code kid},
 * key type and curve of the algorithm, signature use. Cached JWKs are compared by identity: a
 * refreshed key set brings new objects and so new entries; the caches are cleared when they grow.
 */
final class VerificationKeys {

    private static final int MAX_CACHED = 1_000;

    private final Set<JWSAlgorithm> algorithms;
    private final Map<Identity<JWK>, Key> javaKeys = new ConcurrentHashMap<>();
    private final Map<Identity<Key>, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private final DefaultJWSVerifierFactory standard = new DefaultJWSVerifierFactory();

    VerificationKeys(Set<JWSAlgorithm> algorithms) {
        this.algorithms = algorithms;
    }

    /** Equality by identity, for objects whose own equals compares big numbers. */
    private record Identity<T>(T value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity<?> that && that.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** An IdP's Ed25519 key, carried through Nimbus' key selection. */
    record OkpPublicKey(OctetKeyPair jwk) implements PublicKey {

        @Override
        public String getAlgorithm() {
            return "Ed25519";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** What a token's signature is against an IdP's keys. */
    enum Signature {
        VALID,
        INVALID,
        /** No key of the IdP has the token's kid (and type, curve, use) for its algorithm. */
        NO_KEY
    }

    /**
     * Checks the signature as Nimbus' {@code DefaultJWTProcessor} does (every matching key is
     * tried), without its claims parse: the caller parses them faster ({@link JwtClaims}).
     */
    Signature check(SignedJWT jwt, JWKSource<SecurityContext> source) throws KeySourceException, JOSEException {
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            return Signature.NO_KEY;
        }
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return Signature.NO_KEY;
        }
        boolean anyKey = false;
        for (JWK jwk : source.get(new JWKSelector(matcher), null)) {
            Key key = cached(javaKeys, new Identity<>(jwk), identity -> toJavaKey(identity.value()));
            if (key == null) {
                continue;
            }
            anyKey = true;
            if (jwt.verify(verifier(header, key))) {
                return Signature.VALID;
            }
        }
        return anyKey ? Signature.INVALID : Signature.NO_KEY;
    }

    private JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        JWSVerifier verifier = verifiers.get(new Identity<>(key));
        if (verifier != null) {
            return verifier;
        }
        verifier = key instanceof OkpPublicKey okp
                ? new Ed25519Verifier(okp.jwk())
                : key instanceof RSAPublicKey rsa
                        ? new PooledRsaVerifier(rsa)
                        : standard.createJWSVerifier(header, key);
        if (verifiers.size() > MAX_CACHED) {
            verifiers.clear();
        }
        verifiers.put(new Identity<>(key), verifier);
        return verifier;
    }

    private static Key toJavaKey(JWK jwk) {
        try {
            if (jwk instanceof OctetKeyPair okp) {
                return new OkpPublicKey(okp.toPublicJWK());
            }
            return jwk instanceof AsymmetricJWK asymmetric ? asymmetric.toPublicKey() : null;
        } catch (JOSEException ex) {
            return null;
        }
    }

    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> make) throws KeySourceException {
        V value = cache.get(key);
        if (value == null) {
            value = make.apply(key);
            if (value != null) {
                if (cache.size() > MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, value);
            }
        }
        return value;
    }
}
