package io.jwtbridge.app;

/** Stored form of the client secrets the bridge generates: {@code {sha256}} + the hash. */
final class ClientSecrets {

    private static final GeneratedSecretEncoder ENCODER = new GeneratedSecretEncoder();

    private ClientSecrets() {}

    static String hash(String generatedSecret) {
        return "{" + GeneratedSecretEncoder.ID + "}" + ENCODER.encode(generatedSecret);
    }
}
