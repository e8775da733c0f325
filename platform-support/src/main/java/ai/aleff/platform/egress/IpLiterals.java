package ai.aleff.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever asking DNS. */
final class IpLiterals {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /**
     * Host names that some resolvers read as an IPv4 address although they are not a dotted quad: a single number
     * ({@code 2130706433}), hexadecimal or octal parts ({@code 0x7f.1}, {@code 0177.0.0.1}), fewer than four parts
     * ({@code 127.1}). No real host name looks like this, so they are refused rather than interpreted.
     */
    private static final Pattern NUMERIC_LOOKALIKE = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?",
            Pattern.CASE_INSENSITIVE);

    private IpLiterals() {
    }

    /** The address bytes of a canonical dotted quad or an IPv6 literal (with or without brackets). */
    static Optional<byte[]> parse(String host) {
        if (DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of(toBytes(host));
        }
        String inner = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (inner.indexOf(':') >= 0 && inner.matches("[0-9a-fA-F:.]+(%[\\w.]+)?")) {
            return Optional.of(toBytes(inner));
        }
        return Optional.empty();
    }

    /** A host that is numeric but not a canonical dotted quad: ambiguous between resolvers. */
    static boolean isAmbiguousNumeric(String host) {
        return !DOTTED_QUAD.matcher(host).matches() && NUMERIC_LOOKALIKE.matcher(host).matches();
    }

    private static byte[] toBytes(String literal) {
        try {
            // A numeric literal: InetAddress parses it without a lookup.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP literal: " + literal, e);
        }
    }
}
