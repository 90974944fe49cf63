package io.jwtbridge.jwks;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys published one PEM per {@code kid} (AWS ALB: {@code https://public-keys.auth.elb.REGION.amazonaws.com/KID}),
 * under the rules of every key source: the kid is checked before any URL is built from it (letters,
 * digits, {@code -} and {@code _}, at most 128: no {@code /}, no {@code ..}); fetched through
 * {@link KeysFetcher} (SSRF rules, timeouts, size); each key kept for {@code cacheTtl} and, while its
 * URL fails, for {@code outageTolerance} more; unknown kids fetched at most twice per
 * {@code unknownKidInterval}; at most {@code maxKeys} kept; each fetch counted like a JWKS fetch.
 */
final class PemByKidSource implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(PemByKidSource.class);
    static final Pattern KID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

    private final String idpId;
    private final String template;
    private final KeysFetcher fetcher;
    private final JwksProperties properties;
    private final JwksMetrics metrics;
    private final Clock clock;
    private final Map<String, Cached> keys = new ConcurrentHashMap<>();
    private final Deque<Long> unknownKidFetches = new ArrayDeque<>();

    private record Cached(JWK key, long fetchedAt) {}

    PemByKidSource(
            String idpId,
            String template,
            KeysFetcher fetcher,
            JwksProperties properties,
            JwksMetrics metrics,
            Clock clock) {
        this.idpId = idpId;
        this.template = template;
        this.fetcher = fetcher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Set<String> kids = selector.getMatcher().getKeyIDs();
        if (kids == null || kids.size() != 1) {
            return List.of();
        }
        String kid = kids.iterator().next();
        if (kid == null || !KID.matcher(kid).matches()) {
            return List.of();
        }
        long now = clock.millis();
        Cached cached = keys.get(kid);
        if (cached != null && now - cached.fetchedAt() < properties.cacheTtl().toMillis()) {
            return selector.select(new JWKSet(cached.key()));
        }
        Cached fetched = fetch(kid, cached, now);
        return fetched == null ? List.of() : selector.select(new JWKSet(fetched.key()));
    }

    private synchronized Cached fetch(String kid, Cached stale, long now) throws KeySourceException {
        Cached current = keys.get(kid);
        if (current != null && now - current.fetchedAt() < properties.cacheTtl().toMillis()) {
            return current;
        }
        if (stale == null && !mayFetchUnknownKid(now)) {
            throw new RateLimitReachedException();
        }
        try {
            JWK key = parse(kid, fetcher.fetch(template.replace("{kid}", kid), "application/x-pem-file, text/plain"));
            metrics.fetched(idpId, "success");
            if (keys.size() >= properties.maxKeys()) {
                keys.clear();
            }
            Cached fresh = new Cached(key, now);
            keys.put(kid, fresh);
            return fresh;
        } catch (KeysFetcher.FetchException ex) {
            metrics.fetched(idpId, ex.outcome());
            if (stale != null
                    && now - stale.fetchedAt()
                            < properties
                                    .cacheTtl()
                                    .plus(properties.outageTolerance())
                                    .toMillis()) {
                log.warn("Fetching a key of idp {} failed, the cached one is kept: {}", idpId, ex.getMessage());
                return stale;
            }
            if (ex.status() == 404 || ex.status() == 403) {
                // No such kid at the gateway's key URL.
                return null;
            }
            log.warn("Fetching a key of idp {} failed: {}", idpId, ex.getMessage());
            throw new JWKSetUnavailableException("The IdP's key could not be fetched", ex);
        }
    }

    /** At most two fetches of unknown kids per {@code unknownKidInterval}, as for a JWKS. */
    private boolean mayFetchUnknownKid(long now) {
        long interval = properties.unknownKidInterval().toMillis();
        while (!unknownKidFetches.isEmpty() && now - unknownKidFetches.peekFirst() >= interval) {
            unknownKidFetches.pollFirst();
        }
        if (unknownKidFetches.size() >= 2) {
            return false;
        }
        unknownKidFetches.addLast(now);
        return true;
    }

    /** One PEM public key (SubjectPublicKeyInfo), EC or RSA, as a JWK with the kid it was fetched for. */
    private JWK parse(String kid, String pem) throws KeysFetcher.FetchException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            PublicKey key = null;
            for (String algorithm : new String[] {"EC", "RSA"}) {
                try {
                    key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    break;
                } catch (GeneralSecurityException ex) {
                    // try the next
                }
            }
            if (key instanceof ECPublicKey ec && Curve.forECParameterSpec(ec.getParams()) != null) {
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
                        .keyID(kid)
                        .build();
            }
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= properties.minRsaBits()) {
                return new RSAKey.Builder(rsa).keyID(kid).build();
            }
        } catch (IllegalArgumentException ex) {
            // not base64
        }
        throw new KeysFetcher.FetchException("invalid_pem", "the key URL's answer is not a usable PEM public key");
    }
}
