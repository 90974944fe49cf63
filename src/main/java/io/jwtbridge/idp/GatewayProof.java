package io.jwtbridge.idp;

import io.jwtbridge.Cidr;
import io.jwtbridge.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the JWT handler knows that a request came through the IdP's gateway (an extension: ZITADEL
 * has none): a secret the gateway sends in a header of its own, and/or the networks the gateway
 * calls from. Either part may be off; with both off (the default) every caller is accepted.
 *
 * @param headerName the header that carries the secret; null when there is no secret
 * @param secretHash {@link Ids#sha256} of the secret; the secret itself is never stored
 * @param allowedNetworks the caller's address must be in one of them; empty: not checked
 */
public record GatewayProof(String headerName, String secretHash, List<Cidr> allowedNetworks) {

    public static final GatewayProof NONE = new GatewayProof(null, null, List.of());

    public static final String DEFAULT_HEADER_NAME = "x-gateway-secret";

    public GatewayProof {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    public boolean secretSet() {
        return secretHash != null;
    }

    public boolean enabled() {
        return secretSet() || !allowedNetworks.isEmpty();
    }

    /**
     * What is wrong with the caller, or empty when it proved itself: {@code "secret"} when the
     * secret header is missing, repeated or wrong, {@code "network"} when the caller's address is
     * outside the allowed networks. The secret is compared as a hash, in constant time.
     */
    public Optional<String> failure(Function<String, List<String>> headers, String callerAddress) {
        if (secretSet()) {
            List<String> values = headers.apply(headerName);
            if (values.size() != 1 || !sameHash(values.get(0))) {
                return Optional.of("secret");
            }
        }
        if (!allowedNetworks.isEmpty()
                && allowedNetworks.stream().noneMatch(network -> network.contains(callerAddress))) {
            return Optional.of("network");
        }
        return Optional.empty();
    }

    private boolean sameHash(String secret) {
        return MessageDigest.isEqual(
                Ids.sha256(secret).getBytes(StandardCharsets.US_ASCII), secretHash.getBytes(StandardCharsets.US_ASCII));
    }
}
