package io.jwtbridge.web;

import io.jwtbridge.Cidr;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Makes {@code jwtbridge.gateway.trusted-proxies}, when set, the only proxies Tomcat's
 * {@link RemoteIpValve} (added by {@code server.forward-headers-strategy: native}) takes the
 * client's address from: it replaces {@code server.tomcat.remoteip.internal-proxies} and
 * {@code server.tomcat.remoteip.trusted-proxies}. Runs after Spring Boot's own customizer, which
 * adds the valve. An entry that is not a CIDR stops the start.
 */
@Component
class TrustedProxiesCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxiesCustomizer.class);

    private final List<Cidr> trustedProxies;

    TrustedProxiesCustomizer(GatewayProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Cidr.parse(entry)
                        .orElseThrow(() -> new IllegalStateException("jwtbridge.gateway.trusted-proxies: '" + entry
                                + "' is not an IPv4 or IPv6 network in CIDR notation without host bits")))
                .toList();
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        if (trustedProxies.isEmpty()) {
            return;
        }
        List<RemoteIpValve> valves = factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .toList();
        if (valves.isEmpty()) {
            log.warn("jwtbridge.gateway.trusted-proxies is set, but Tomcat reads no X-Forwarded-For at all"
                    + " (server.forward-headers-strategy is not native): the caller is always the direct peer");
            return;
        }
        // Tomcat reads a value with a '/' as a comma-separated list of CIDRs (not as a regex).
        String cidrs = trustedProxies.stream().map(Cidr::toString).collect(Collectors.joining(", "));
        for (RemoteIpValve valve : valves) {
            valve.setInternalProxies(cidrs);
            valve.setTrustedProxies(null);
        }
        log.info("Only these proxies may set the client's address (X-Forwarded-For): {}", cidrs);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
