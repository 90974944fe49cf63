package io.jwtbridge.jwks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IdP's key fetches for Nimbus: fetched by {@link KeysFetcher}, then checked: at most
 * {@code maxKeys} keys; RSA keys under {@code minRsaBits} and keys carrying private members are
 * dropped. Each fetch is counted by outcome.
 */
final class JwksRetriever implements ResourceRetriever {

    private static final Logger log = LoggerFactory.getLogger(JwksRetriever.class);

    private final String idpId;
    private final KeysFetcher fetcher;
    private final JwksProperties properties;
    private final JwksMetrics metrics;

    JwksRetriever(String idpId, KeysFetcher fetcher, JwksProperties properties, JwksMetrics metrics) {
        this.idpId = idpId;
        this.fetcher = fetcher;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            String body = fetcher.fetch(url.toString());
            JWKSet checked = check(body);
            metrics.fetched(idpId, "success");
            return new Resource(checked.toString(false), "application/json");
        } catch (KeysFetcher.FetchException ex) {
            metrics.fetched(idpId, ex.outcome());
            log.warn("Fetching the keys of idp {} failed: {}", idpId, ex.getMessage());
            throw ex;
        }
    }

    private JWKSet check(String body) throws KeysFetcher.FetchException {
        JWKSet set;
        try {
            set = JWKSet.parse(body);
        } catch (ParseException ex) {
            throw new KeysFetcher.FetchException("invalid_jwks", "keys endpoint answer is not a JWK set");
        }
        if (set.getKeys().size() > properties.maxKeys()) {
            throw new KeysFetcher.FetchException(
                    "too_many_keys", "keys endpoint answer holds more than " + properties.maxKeys() + " keys");
        }
        List<JWK> usable = set.getKeys().stream()
                .filter(key -> !key.isPrivate())
                .filter(key -> !(key instanceof RSAKey rsa) || rsa.size() >= properties.minRsaBits())
                .toList();
        if (usable.size() < set.getKeys().size()) {
            log.warn(
                    "Ignored {} key(s) of idp {}: private members or RSA under {} bits",
                    set.getKeys().size() - usable.size(),
                    idpId,
                    properties.minRsaBits());
        }
        return new JWKSet(usable);
    }
}
