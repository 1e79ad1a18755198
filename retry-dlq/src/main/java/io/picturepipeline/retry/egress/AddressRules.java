package io.picturepipeline.retry.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which resolved addresses an untrusted fetch must never reach: everything that is not a public unicast address.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside.
 */
final class AddressRules {

    private AddressRules() {}

    /** Why {@code address} is forbidden, or empty when it is a public unicast address. */
    static Optional<String> forbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            Optional<Inet4Address> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return forbidden(embedded.get()).map(reason -> "IPv4-in-IPv6 " + reason);
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local address (fc00::/7)");
            }
            if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
                return Optional.of("Teredo tunnel address (2001::/32)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("any-local address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address (169.254/16, fe80::/10; cloud metadata lives here)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private address (10/8, 172.16/12, 192.168/16, fec0::/10)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (address instanceof Inet4Address) {
            return forbiddenIpv4Range(address.getAddress());
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenIpv4Range(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("\"this network\" address (0/8)");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT address (100.64/10)");
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("IETF protocol assignment (192.0.0/24)");
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return Optional.of("benchmarking address (198.18/15)");
        }
        if (first >= 240) {
            return Optional.of("reserved or broadcast address (240/4)");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:aabb:ccdd::/48, if any. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean firstTenZero = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !isAllZeroOrOne(b);
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 12, 16)));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 2, 6)));
        }
        return Optional.empty();
    }

    private static boolean isAllZeroOrOne(byte[] b) {
        return Arrays.equals(b, 0, 15, new byte[15], 0, 15) && (b[15] == 0 || b[15] == 1);
    }

    private static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
