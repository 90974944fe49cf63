package io.jwtbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtbridge.BridgeProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasterKeyCipherTests {

    static MasterKeyCipher cipher(String masterKey) {
        return new MasterKeyCipher(new BridgeProperties(URI.create("http://localhost:8080"), masterKey, null));
    }

    @Test
    void sealsAndOpensWithTheSameMasterKeyAndKid() {
        byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
        MasterKeyCipher cipher = cipher("a-master-key-that-is-long-enough-0123456789");

        byte[] sealed = cipher.encrypt(secret, "kid-1");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key bytes");
        assertThat(cipher.encrypt(secret, "kid-1")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "kid-1")).isEqualTo(secret);
    }

    @Test
    void refusesAnotherMasterKeyOrAnotherKid() {
        byte[] sealed = cipher("a-master-key-that-is-long-enough-0123456789").encrypt(new byte[] {1, 2, 3}, "kid-1");

        assertThatThrownBy(() ->
                        cipher("another-master-key-also-long-enough-012345").decrypt(sealed, "kid-1"))
                .isInstanceOf(MasterKeyCipher.WrongMasterKeyException.class);
        assertThatThrownBy(() ->
                        cipher("a-master-key-that-is-long-enough-0123456789").decrypt(sealed, "kid-2"))
                .isInstanceOf(MasterKeyCipher.WrongMasterKeyException.class);
    }

    @Test
    void aMissingMasterKeyIsRefusedWithItsPropertyName() {
        assertThatThrownBy(() -> cipher(null)).hasMessageContaining("jwtbridge.master-key is not set");
        assertThatThrownBy(() -> cipher("  ")).hasMessageContaining("jwtbridge.master-key is not set");
    }
}
