package io.jwtbridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Object ids in ZITADEL's style: decimal strings of a positive 63-bit number whose high bits are
 * the creation time (so ids sort roughly by age) and whose low 22 bits are random.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long EPOCH_MILLIS = 1_577_836_800_000L; // 2020-01-01T00:00:00Z

    private Ids() {}

    /** 256 random bits, base64url: client secrets, flow ids, handles, binding cookies. */
    public static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a value, base64url: how one-time secrets and tokens are stored. */
    public static String sha256(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Bytes(value));
    }

    /** The SHA-256 of a value's UTF-8 bytes. */
    public static byte[] sha256Bytes(CharSequence value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String next() {
        long millis = System.currentTimeMillis() - EPOCH_MILLIS;
        return Long.toString((millis << 22) | RANDOM.nextInt(1 << 22));
    }
}
