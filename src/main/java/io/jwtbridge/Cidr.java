package io.jwtbridge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare
 * address is the network of that one address. Only literal addresses are read: a name is never
 * looked up, so an address that came from a request header can be checked safely.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** The network, or empty (with no reason) when the text is not one, or has host bits set. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(length) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(length);
        }
        byte[] network = address.get();
        if (!Arrays.equals(network, masked(network, prefix))) {
            return Optional.empty();
        }
        String given = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(Locale.ROOT);
        return Optional.of(new Cidr(network, prefix, given + "/" + prefix));
    }

    /** Whether the literal address is in this network (false for anything that is not an address). */
    public boolean contains(String address) {
        return address(address)
                .filter(candidate -> candidate.length == network.length)
                .map(candidate -> Arrays.equals(masked(candidate, prefix), network))
                .orElse(false);
    }

    /**
     * The bytes of a literal IPv4 (four decimal octets) or IPv6 address; an IPv4-mapped IPv6
     * address counts as the IPv4 address.
     */
    static Optional<byte[]> address(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            // A text with ':' is parsed as an IPv6 literal and never looked up.
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException ex) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (address[i] & (0xFF << (8 - bits)));
        }
        return masked;
    }

    /**
     * The network as it was given, in lower case, always with its prefix length: {@code 10.0.0.0/8},
     * {@code 2001:db8::/32}, {@code 10.1.2.3/32} for a bare {@code 10.1.2.3}.
     */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
