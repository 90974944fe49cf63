package io.jwtbridge.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether the bridge may fetch a URL itself (SSRF rules): {@code https} only and never a
 * loopback, private, link-local or otherwise non-public address, unless {@link OutboundProperties}
 * allow it. Host names are resolved and every address is checked; a name that does not resolve
 * now is accepted here and checked again at fetch time.
 */
@Component
public class OutboundUrlPolicy {

    private final OutboundProperties properties;

    public OutboundUrlPolicy(OutboundProperties properties) {
        this.properties = properties;
    }

    /** Why the bridge must not fetch this URL, or empty when it may. */
    public Optional<String> refusalOf(String url) {
        Optional<URI> parsed = parseAbsolute(url);
        if (parsed.isEmpty()) {
            return Optional.of("must be an absolute URL");
        }
        URI uri = parsed.get();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            return Optional.of(properties.allowHttp() ? "must be an http or https URL" : "must be an https URL");
        }
        Optional<String> host = hostOf(uri);
        if (host.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (properties.allowPrivateNetworks()) {
            return Optional.empty();
        }
        return refusalOfHost(host.get());
    }

    /** Why the bridge must not connect to this address, or empty when it may. */
    public Optional<String> refusalOf(InetAddress address) {
        if (properties.allowPrivateNetworks()) {
            return Optional.empty();
        }
        return AddressClassifier.nonPublicReason(address).map(reason -> "points at a " + reason + " address");
    }

    private Optional<String> refusalOfHost(String host) {
        Optional<InetAddress> literal = AddressClassifier.parseLiteral(host);
        if (literal.isPresent()) {
            return refusalOf(literal.get());
        }
        if (host.startsWith("[")) {
            return Optional.of("has an invalid IPv6 address");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException ex) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusalOf(address);
            if (refusal.isPresent()) {
                return Optional.of(
                        "resolves to a non-public address (" + refusal.get().substring("points at a ".length()) + ")");
            }
        }
        return Optional.empty();
    }

    /** An absolute http(s) URL with a host, or empty. */
    public static Optional<URI> parseAbsoluteHttp(String url) {
        return parseAbsolute(url)
                .filter(uri -> {
                    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                    return scheme.equals("http") || scheme.equals("https");
                })
                .filter(uri -> hostOf(uri).isPresent());
    }

    private static Optional<URI> parseAbsolute(String url) {
        if (url == null || url.isBlank() || !url.strip().equals(url)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && !uri.isOpaque() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException ex) {
            return Optional.empty();
        }
    }

    /**
     * The host of a URL, also where {@link URI#getHost()} gives up (a name like
     * {@code 0x7f000001} makes the authority "registry based").
     */
    static Optional<String> hostOf(URI uri) {
        if (uri.getHost() != null) {
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.empty();
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            host = end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        }
        return host.isEmpty() ? Optional.empty() : Optional.of(host.toLowerCase(Locale.ROOT));
    }
}
