package io.jwtbridge.login;

import io.jwtbridge.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Random one-time values and their stored hashes. */
final class Secrets {

    private Secrets() {}

    /** 256 random bits, base64url. */
    static String random() {
        return Ids.secret();
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A value shaped like {@link #random()}: anything else is not looked up at all. */
    static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.matches("[A-Za-z0-9_-]+");
    }
}
