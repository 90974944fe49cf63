package io.jwtbridge.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC, native code) as the JVM's first security provider,
 * where it loads (Linux on x86-64): the ID token's RS256 signature, the bridge's largest cost per
 * login, takes about a quarter of the JDK's time (docs/signing-keys.md#native-crypto). Everything
 * it does not offer stays with the JDK's providers, and so does everything where it does not load
 * (another platform, or {@code jwtbridge.keys.native-crypto=false}): the bridge works the same, only
 * slower.
 *
 * <p>The choice is made once, when the bridge starts, for the whole JVM. Loading the library takes
 * about half a second on 2 cores, so it happens beside the start-up, not in its way: the first
 * tokens may still be signed by the JDK.
 */
@Component
class NativeCrypto {

    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);

    private final CompletableFuture<Boolean> installed;

    NativeCrypto(KeysProperties properties) {
        if (!properties.nativeCrypto()) {
            this.installed = CompletableFuture.completedFuture(false);
            return;
        }
        this.installed = new CompletableFuture<>();
        Thread loader = new Thread(() -> installed.complete(install()), "native-crypto");
        loader.setDaemon(true);
        loader.start();
    }

    private static boolean install() {
        try {
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
            log.info("Signatures through native crypto: {} {}", provider.getName(), provider.getVersionStr());
            return true;
        } catch (LinkageError | RuntimeException e) {
            log.warn("Native crypto (Amazon Corretto Crypto Provider) could not be installed: the JDK signs", e);
            return false;
        }
    }

    /** Whether the native provider is the JVM's first one (waits until it is decided). */
    boolean installed() {
        return installed.join();
    }
}
