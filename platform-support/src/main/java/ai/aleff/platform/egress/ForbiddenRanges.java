package ai.aleff.platform.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a tenant-influenced call must not reach: everything that is not public unicast. IPv6 forms that
 * embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the address they embed, so
 * {@code [::ffff:169.254.169.254]} is the metadata address it is.
 */
final class ForbiddenRanges {

    private record Range(Cidr network, String kind) {
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "unspecified"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared (carrier-grade NAT, some cloud metadata)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata)"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation"),
            range("192.88.99.0/24", "6to4 relay"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("100::/64", "discard"),
            range("2001:db8::/32", "documentation"),
            range("fc00::/7", "unique local (private)"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"));

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private ForbiddenRanges() {
    }

    /** Why the address must not be reached, or empty for a public unicast address. */
    static Optional<String> kindOf(InetAddress address) {
        return kindOf(address.getAddress());
    }

    static Optional<String> kindOf(byte[] bytes) {
        if (bytes.length == 16) {
            Optional<byte[]> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return kindOf(embedded.get());
            }
        }
        return RANGES.stream().filter(r -> r.network().contains(bytes)).map(Range::kind).findFirst();
    }

    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= v6[i] == 0;
        }
        mapped &= v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
        if (mapped || NAT64.contains(v6) || (IPV4_COMPATIBLE.contains(v6) && !isZeroOrOne(v6))) {
            return Optional.of(java.util.Arrays.copyOfRange(v6, 12, 16));
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Optional.of(java.util.Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    /** {@code ::} and {@code ::1} are in {@code ::/96} but are their own ranges. */
    private static boolean isZeroOrOne(byte[] v6) {
        for (int i = 0; i < 15; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[15] == 0 || v6[15] == 1;
    }

    private static Range range(String cidr, String kind) {
        return new Range(Cidr.parse(cidr), kind);
    }
}
