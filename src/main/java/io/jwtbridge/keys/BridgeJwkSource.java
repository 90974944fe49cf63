package io.jwtbridge.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The bridge's keys as Nimbus sees them: the signing key with its private part, the other
 * published keys public only. {@code /oauth/v2/keys} serves the public halves of all of them.
 */
@Component
public class BridgeJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeyStore store;

    BridgeJwkSource(SigningKeyStore store) {
        this.store = store;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        SigningKeyStore.Keys keys = store.keys();
        List<JWK> all = new ArrayList<>();
        all.add(keys.signing());
        for (JWK key : keys.published().getKeys()) {
            if (!key.getKeyID().equals(keys.signing().getKeyID())) {
                all.add(key);
            }
        }
        return selector.select(new JWKSet(all));
    }

    /**
     * Picks the key that signs now out of the keys a selector matched: the only one with its
     * private part (reading the store again could race a rotation between the two reads).
     */
    public JWK signingKey(List<JWK> candidates) {
        return candidates.stream()
                .filter(JWK::isPrivate)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The current signing key was not selected"));
    }
}
