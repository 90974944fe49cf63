package io.jwtbridge.oidc;

/** Stored form of the client secrets the bridge generates: {@code {sha256}} + the hash. */
public final class ClientSecrets {

    private static final GeneratedSecretEncoder ENCODER = new GeneratedSecretEncoder();

    private ClientSecrets() {}

    public static String hash(String generatedSecret) {
        return "{" + GeneratedSecretEncoder.ID + "}" + ENCODER.encode(generatedSecret);
    }
}
