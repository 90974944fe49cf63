package io.jwtbridge.jwks;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.jwtbridge.idp.IdpChanged;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One cached key source per IdP and version of its jwt_config: keys cached 15 minutes, refreshed
 * ahead of expiry, an unknown {@code kid} refetches at most twice per 30 s, stale keys are kept
 * while the endpoint fails (24 h). A change of the IdP drops its source at once.
 */
@Component
public class IdpKeySources {

    private final JwksRetriever retriever;
    private final ConcurrentMap<String, Entry> sources = new ConcurrentHashMap<>();

    IdpKeySources(OutboundUrlPolicy policy) {
        this.retriever = new JwksRetriever(policy);
    }

    private record Entry(long configVersion, JWKSource<SecurityContext> source) {}

    /** The key source of an IdP's current configuration. */
    public JWKSource<SecurityContext> forIdp(String idpId, long configVersion, String keysEndpoint) {
        Entry entry = sources.compute(
                idpId,
                (id, existing) -> existing != null && existing.configVersion() == configVersion
                        ? existing
                        : new Entry(configVersion, build(keysEndpoint)));
        return entry.source();
    }

    private JWKSource<SecurityContext> build(String keysEndpoint) {
        try {
            return JWKSourceBuilder.create(URI.create(keysEndpoint).toURL(), retriever)
                    .cache(15 * 60 * 1000L, 2 * 1000L)
                    .refreshAheadCache(true)
                    .rateLimited(30 * 1000L)
                    .outageTolerant(24 * 60 * 60 * 1000L)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalStateException("The keys endpoint of an IdP is not a URL", ex);
        }
    }

    @TransactionalEventListener
    void on(IdpChanged changed) {
        if (changed.kind() == IdpChanged.Kind.JWT_CONFIG_CHANGED || changed.kind() == IdpChanged.Kind.REMOVED) {
            sources.remove(changed.idpId());
        }
    }
}
