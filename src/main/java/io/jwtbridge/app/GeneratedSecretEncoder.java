package io.jwtbridge.app;

import io.jwtbridge.Ids;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for secrets the bridge generates itself (256 random bits): with that much entropy a slow
 * hash adds only latency to every token request, not safety. Human-chosen secrets (the bootstrap
 * admin client's) stay on bcrypt.
 */
final class GeneratedSecretEncoder implements PasswordEncoder {

    static final String ID = "sha256";

    private static final String PREFIX = "{" + ID + "}";

    /** The given encoder, except that it never asks to re-hash a generated secret's SHA-256 hash. */
    static PasswordEncoder keptBy(PasswordEncoder encoder) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return encoder.encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return encoder.matches(rawPassword, encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return encodedPassword != null
                        && !encodedPassword.startsWith(PREFIX)
                        && encoder.upgradeEncoding(encodedPassword);
            }
        };
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return Base64.getEncoder().encodeToString(digest(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(encodedPassword);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(rawPassword));
    }

    private static byte[] digest(CharSequence value) {
        return Ids.sha256Bytes(value);
    }
}
