package io.jwtbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NativeCryptoTests {

    private static final byte[] DATA = "header.payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void onLinuxX64TheNativeProviderSignsFirstAndTheJdkVerifiesWhatItSigns() throws Exception {
        NativeCrypto crypto = new NativeCrypto(properties(true));

        assertThat(crypto.installed()).isTrue();
        assertThat(Security.getProviders()[0]).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);
        KeyPair rsa = rsaKeys();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsa.getPrivate());
        signer.update(DATA);
        byte[] signature = signer.sign();
        assertThat(signer.getProvider()).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);

        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initVerify(rsa.getPublic());
        jdk.update(DATA);
        assertThat(jdk.verify(signature)).isTrue();
        jdk.initVerify(rsa.getPublic());
        jdk.update("header.other".getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(signature)).isFalse();
    }

    @Test
    void switchedOffItIsNotInstalledByTheBridge() {
        assertThat(new NativeCrypto(properties(false)).installed()).isFalse();
    }

    private static KeysProperties properties(boolean nativeCrypto) {
        return new KeysProperties(Duration.ofDays(30), Duration.ofMinutes(1), nativeCrypto);
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
