package io.jwtbridge.keys;

import io.jwtbridge.BridgeProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts the bridge's private signing keys at rest with AES-256-GCM under a key derived from
 * {@code jwtbridge.master-key} (HMAC-SHA256 of a fixed label). The key id is bound as associated
 * data, so a ciphertext cannot be moved to another row.
 */
@Component
class MasterKeyCipher {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyCipher.class);
    private static final byte VERSION = 1;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final String LABEL = "jwt-idp-bridge/signing-key-encryption/v1";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    MasterKeyCipher(BridgeProperties properties) {
        String masterKey = properties.masterKey();
        if (masterKey == null || masterKey.isBlank()) {
            throw new MissingMasterKeyException();
        }
        if (masterKey.length() < 32) {
            log.warn("jwtbridge.master-key is shorter than 32 characters: use a long random secret in production");
        }
        this.key = new SecretKeySpec(derive(masterKey), "AES");
    }

    private static byte[] derive(String masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot derive the signing-key encryption key", ex);
        }
    }

    byte[] encrypt(byte[] plaintext, String kid) {
        try {
            byte[] iv = new byte[IV_LENGTH];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_LENGTH + sealed.length)
                    .put(VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot encrypt a signing key", ex);
        }
    }

    /** @throws WrongMasterKeyException when the master key is not the one the key was sealed with */
    byte[] decrypt(byte[] ciphertext, String kid) {
        if (ciphertext.length < 1 + IV_LENGTH || ciphertext[0] != VERSION) {
            throw new WrongMasterKeyException(kid);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, IV_LENGTH));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext, 1 + IV_LENGTH, ciphertext.length - 1 - IV_LENGTH);
        } catch (GeneralSecurityException ex) {
            throw new WrongMasterKeyException(kid);
        }
    }

    /** Start-up stops when no master key is configured. */
    static class MissingMasterKeyException extends IllegalStateException {

        MissingMasterKeyException() {
            super("jwtbridge.master-key is not set. It encrypts the bridge's signing keys in the database and is "
                    + "required: pass --jwtbridge.master-key=<a long random secret> or set JWTBRIDGE_MASTER_KEY "
                    + "(all instances on one database need the same value).");
        }
    }

    /** Start-up stops when the stored keys were sealed with another master key. */
    static class WrongMasterKeyException extends IllegalStateException {

        WrongMasterKeyException(String kid) {
            super("Signing key " + kid + " in the database cannot be decrypted with jwtbridge.master-key: it was "
                    + "stored with another master key. Start every instance with the master key the database was "
                    + "first used with.");
        }
    }
}
