package io.jwtbridge.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bridge's own signing keys.
 *
 * @param rotationInterval age at which a new signing key is made; the old one stays published for
 *     one more interval so tokens it signed still verify
 * @param refreshInterval how often each instance re-reads the keys from the database (and rotates
 *     when due)
 * @param nativeCrypto whether signatures go through the Amazon Corretto Crypto Provider (native
 *     AWS-LC) where it loads; the JDK's providers otherwise ({@link NativeCrypto})
 */
@ConfigurationProperties("jwtbridge.keys")
record KeysProperties(
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("1m") Duration refreshInterval,
        @DefaultValue("true") boolean nativeCrypto) {}
