package io.jwtbridge.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC, native code) as the JVM's first security provider,
 * where it loads (Linux on x86-64): the ID token's RS256 signature, the bridge's largest cost per
 * login, takes about a quarter of the JDK's time (docs/performance.md). Everything it does not
 * offer stays with the JDK's providers, and so does everything where it does not load (another
 * platform, or {@code jwtbridge.keys.native-crypto=false}): the bridge works the same, only slower.
 *
 * <p>The choice is made once, when the bridge starts, for the whole JVM.
 */
@Component
class NativeCrypto {

    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);

    private final boolean installed;

    NativeCrypto(KeysProperties properties) {
        this.installed = properties.nativeCrypto() && install();
    }

    private static boolean install() {
        AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = provider.getLoadingError();
        if (error != null) {
            log.info(
                    "Native crypto (Amazon Corretto Crypto Provider) is not available here ({}): the JDK signs",
                    error.toString());
            return false;
        }
        if (Security.getProviders()[0] != provider) {
            AmazonCorrettoCryptoProvider.install();
        }
        provider.assertHealthy();
        log.info("Signatures through native crypto: {} {}", provider.getName(), provider.getVersionStr());
        return true;
    }

    /** Whether the native provider is the JVM's first one. */
    boolean installed() {
        return installed;
    }
}
