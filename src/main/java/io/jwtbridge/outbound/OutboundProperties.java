package io.jwtbridge.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules for the requests the bridge itself makes (fetching an IdP's keys).
 *
 * @param allowPrivateNetworks allow keys endpoints on loopback, private and link-local addresses
 * @param allowHttp allow {@code http://} keys endpoints
 */
@ConfigurationProperties("jwtbridge.outbound")
public record OutboundProperties(boolean allowPrivateNetworks, boolean allowHttp) {}
