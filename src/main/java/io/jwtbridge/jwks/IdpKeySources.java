package io.jwtbridge.jwks;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.idp.IdpChanged;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.idp.TokenPolicy;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One cached key source per IdP and version of its jwt_config, built on Nimbus'
 * {@link JWKSourceBuilder}: keys cached for {@code cacheTtl} and refreshed ahead of expiry in the
 * background; an unknown {@code kid} refetches at most twice per {@code unknownKidInterval}; one
 * retry; the last good keys kept for {@code outageTolerance} while the endpoint fails. Time comes
 * from a {@link Clock} (tests move it). A change or removal of the IdP drops its source at once.
 */
@Component
public class IdpKeySources {

    private final KeysFetcher fetcher;
    private final JwksProperties properties;
    private final JwksMetrics metrics;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> sources = new ConcurrentHashMap<>();

    /** With the clock that times caching, refresh and rate limits (tests move it). */
    IdpKeySources(KeysFetcher fetcher, JwksProperties properties, JwksMetrics metrics, Clock clock) {
        check(properties);
        this.fetcher = fetcher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Entry(long configVersion, JWKSource<SecurityContext> source) {}

    /** Settings Nimbus would only refuse at the first login: refuse them at start-up instead. */
    static void check(JwksProperties properties) {
        if (properties.cacheTtl().compareTo(properties.unknownKidInterval()) <= 0) {
            throw new IllegalStateException(
                    "jwtbridge.jwks.cache-ttl must be longer than jwtbridge.jwks.unknown-kid-interval");
        }
        if (properties.refreshAhead().plus(refreshTimeout(properties)).compareTo(properties.cacheTtl()) >= 0) {
            throw new IllegalStateException("jwtbridge.jwks.refresh-ahead plus twice jwtbridge.jwks.fetch-deadline "
                    + "must be shorter than jwtbridge.jwks.cache-ttl");
        }
    }

    /** How long a login waits for a fetch another login runs: a fetch, its one retry, and a margin. */
    private static java.time.Duration refreshTimeout(JwksProperties properties) {
        return properties.fetchDeadline().multipliedBy(2).plusMillis(500);
    }

    /**
     * The key source an IdP's token policy names (docs/keys-and-caching.md): its JWKS URL, its inline
     * JWKS, or its PEM-by-kid URL template.
     */
    public JWKSource<SecurityContext> forIdp(JwtIdp idp) {
        EffectivePolicy policy = idp.tokenPolicy();
        if (policy.keysSource() == TokenPolicy.KeysSource.JWKS_URL) {
            return forIdp(idp.getId(), idp.configVersion(), policy.jwksUrl());
        }
        Entry entry = sources.get(idp.getId());
        if (entry != null && entry.configVersion() == idp.configVersion()) {
            return entry.source();
        }
        return sources.compute(
                        idp.getId(),
                        (id, existing) -> existing != null && existing.configVersion() == idp.configVersion()
                                ? existing
                                : new Entry(idp.configVersion(), build(id, policy)))
                .source();
    }

    private JWKSource<SecurityContext> build(String idpId, EffectivePolicy policy) {
        if (policy.keysSource() == TokenPolicy.KeysSource.INLINE_JWKS) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(policy.inlineJwks()).toPublicJWKSet());
            } catch (java.text.ParseException ex) {
                throw new IllegalStateException("The stored inline JWKS of an IdP is not a JWK set", ex);
            }
        }
        return new PemByKidSource(idpId, policy.pemUrlTemplate(), fetcher, properties, metrics, clock);
    }

    /** The key source of an IdP's current configuration. */
    public JWKSource<SecurityContext> forIdp(String idpId, long configVersion, String keysEndpoint) {
        Entry entry = sources.get(idpId);
        if (entry != null && entry.configVersion() == configVersion) {
            return entry.source();
        }
        return sources.compute(
                        idpId,
                        (id, existing) -> existing != null && existing.configVersion() == configVersion
                                ? existing
                                : new Entry(configVersion, build(idpId, keysEndpoint)))
                .source();
    }

    private JWKSource<SecurityContext> build(String idpId, String keysEndpoint) {
        try {
            JWKSource<SecurityContext> built = JWKSourceBuilder.<SecurityContext>create(
                            URI.create(keysEndpoint).toURL(), new JwksRetriever(idpId, fetcher, properties, metrics))
                    .cache(
                            properties.cacheTtl().toMillis(),
                            refreshTimeout(properties).toMillis())
                    .refreshAheadCache(properties.refreshAhead().toMillis(), false)
                    .rateLimited(properties.unknownKidInterval().toMillis())
                    .retrying(true)
                    .outageTolerant(properties.outageTolerance().toMillis())
                    .build();
            return new ClockedJwkSource(((JWKSetBasedJWKSource<SecurityContext>) built).getJWKSetSource(), clock);
        } catch (MalformedURLException ex) {
            throw new IllegalStateException("The keys endpoint of an IdP is not a URL", ex);
        }
    }

    @TransactionalEventListener
    void on(IdpChanged changed) {
        if (changed.kind() == IdpChanged.Kind.JWT_CONFIG_CHANGED || changed.kind() == IdpChanged.Kind.REMOVED) {
            Entry removed = sources.remove(changed.idpId());
            if (removed != null) {
                close(removed);
            }
            metrics.forget(changed.idpId());
        }
    }

    private static void close(Entry entry) {
        if (entry.source() instanceof ClockedJwkSource clocked) {
            clocked.close();
        }
    }

    @PreDestroy
    void closeAll() {
        sources.values().forEach(IdpKeySources::close);
        sources.clear();
    }

    /**
     * Nimbus' {@code JWKSetBasedJWKSource} with the time taken from a {@link Clock}: match in the
     * cached set; only when nothing matches, ask for a refresh (which the rate limit bounds).
     */
    static final class ClockedJwkSource implements JWKSource<SecurityContext> {

        private final JWKSetSource<SecurityContext> source;
        private final Clock clock;

        ClockedJwkSource(JWKSetSource<SecurityContext> source, Clock clock) {
            this.source = source;
            this.clock = clock;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = clock.millis();
            JWKSet cached;
            try {
                cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
            } catch (RateLimitReachedException ex) {
                // Nothing usable is cached (the last fetch failed) and it is too soon to fetch
                // again: what is missing is the IdP's keys, not a key with this kid.
                throw new JWKSetUnavailableException("The IdP's keys are unavailable", ex);
            }
            List<JWK> selected = selector.select(cached);
            if (selected.isEmpty()) {
                JWKSet recent = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context);
                selected = selector.select(recent);
            }
            return selected;
        }

        void close() {
            try {
                source.close();
            } catch (IOException ex) {
                // nothing held that matters
            }
        }
    }
}
