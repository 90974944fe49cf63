package io.jwtbridge.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Tells which IP addresses a server-side fetch must never reach, and reads IPv4 literals the way
 * {@code inet_aton} does, so that {@code 0x7f000001}, {@code 2130706433} or {@code 0177.1} are
 * recognised as 127.0.0.1 before anything tries to resolve them as host names.
 */
public final class AddressClassifier {

    private AddressClassifier() {}

    /**
     * The reason an address is not public, or empty when it is an ordinary public unicast
     * address.
     */
    public static Optional<String> nonPublicReason(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<Inet4Address> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return nonPublicReason(embedded.get()).map(reason -> reason + " (embedded in IPv6)");
            }
            if (v6.isLoopbackAddress()) {
                return Optional.of("loopback");
            }
            if (v6.isAnyLocalAddress()) {
                return Optional.of("unspecified");
            }
            if (v6.isLinkLocalAddress() || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0)) {
                return Optional.of("link-local");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("private (unique local)");
            }
            if (v6.isMulticastAddress()) {
                return Optional.of("multicast");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Optional.of("documentation");
            }
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 0) {
            return Optional.of("unspecified");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("shared address space (carrier-grade NAT)");
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return Optional.of("IETF protocol assignments");
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return Optional.of("benchmarking");
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("documentation");
        }
        if (a0 >= 224) {
            return Optional.of(a0 < 240 ? "multicast" : "reserved");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) address.
     */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) || isOne(b));
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 11);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOne(byte[] b) {
        return allZero(b, 0, 14) && b[15] == 1;
    }

    private static Inet4Address ipv4(byte... b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Reads a host that is an IP literal: an IPv6 literal in brackets, or an IPv4 literal in any
     * form {@code inet_aton} accepts (1 to 4 parts, each decimal, octal with a leading 0, or hex
     * with 0x). Empty when the host is a name.
     */
    public static Optional<InetAddress> parseLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            String inner = host.substring(1, host.length() - 1);
            int zone = inner.indexOf('%');
            if (zone >= 0) {
                inner = inner.substring(0, zone);
            }
            if (!inner.matches("[0-9a-fA-F:.]+")) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(inner));
            } catch (UnknownHostException ex) {
                return Optional.empty();
            }
        }
        String candidate = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!candidate.matches("(?i)[0-9a-fx.]+") || candidate.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = candidate.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = parsePart(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        long address = 0;
        int last = parts.length - 1;
        for (int i = 0; i < last; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long maxLast = (1L << (8 * (4 - last))) - 1;
        if (values[last] > maxLast) {
            return Optional.empty();
        }
        address |= values[last];
        return Optional.of(
                ipv4((byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address));
    }

    private static Long parsePart(String part) {
        try {
            if (part.isEmpty()) {
                return null;
            }
            if (part.length() > 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
                String digits = part.substring(2);
                return digits.length() > 8 ? null : Long.parseLong(digits, 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.length() > 12 ? null : Long.parseLong(part.substring(1), 8);
            }
            return part.length() > 10 ? null : Long.parseLong(part, 10);
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
