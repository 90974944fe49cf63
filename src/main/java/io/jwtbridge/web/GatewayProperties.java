package io.jwtbridge.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the bridge tells who calls it.
 *
 * @param trustedProxies the networks (CIDRs) of the proxies whose {@code X-Forwarded-For} (and
 *     {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}) Tomcat believes; every other peer is
 *     itself the caller. Empty: Tomcat's own setting {@code server.tomcat.remoteip.internal-proxies}
 *     (by default loopback and the private ranges) stays in force.
 */
@ConfigurationProperties("jwtbridge.gateway")
public record GatewayProperties(@DefaultValue List<String> trustedProxies) {}
