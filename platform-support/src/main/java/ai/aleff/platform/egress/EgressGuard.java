package ai.aleff.platform.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one check every outbound URL a tenant can influence goes through (model endpoints, channel APIs, later
 * webhooks and tools). {@link #checkUrl} runs when the URL is configured and needs no DNS; {@link #resolve} runs
 * before every connection, resolves the host once and refuses it when any address it resolves to is loopback,
 * private, link-local (cloud metadata), multicast or otherwise not public, unless {@link EgressSettings} allows it.
 * The caller connects to the address it returns, so the name is not resolved a second time, and follows no redirect.
 */
@ApplicationScoped
public class EgressGuard {

    /** A resolver, replaceable in tests that must not depend on the machine's DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");
    static final String NOT_PUBLIC = "its host does not resolve to a public address";

    private final List<Cidr> allowedNetworks;
    private final Set<String> allowedHosts;
    private final Resolver resolver;

    @Inject
    public EgressGuard(EgressSettings settings) {
        this(settings.allowedNetworks().orElse(List.of()), settings.allowedHosts().orElse(List.of()),
                InetAddress::getAllByName);
    }

    public EgressGuard(List<String> allowedNetworks, List<String> allowedHosts, Resolver resolver) {
        this.allowedNetworks = allowedNetworks.stream().map(Cidr::parse).toList();
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** A guard that refuses every non-public address: what a service gets without {@code aleff.egress.*} keys. */
    public static EgressGuard strict() {
        return new EgressGuard(List.of(), List.of(), InetAddress::getAllByName);
    }

    /**
     * The checks that need no DNS: an absolute http(s) URL without user info, whose host is not an IP literal of a
     * refused range and not an ambiguous numeric form ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}).
     *
     * @throws EgressRefusedException with a reason fit for the tenant
     */
    public URI checkUrl(String url) {
        URI uri = parse(url);
        String host = host(uri);
        if (allowedHosts.contains(host)) {
            return uri;
        }
        if (IpLiterals.isAmbiguousNumeric(host)) {
            throw new EgressRefusedException("URL refused: its host '" + host
                    + "' is a numeric form that is not a dotted IPv4 address");
        }
        Optional<byte[]> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            byte[] bytes = literal.get();
            ForbiddenRanges.kindOf(bytes).filter(kind -> !allowed(bytes)).ifPresent(kind -> {
                throw new EgressRefusedException("URL refused: its host is a " + kind + " address");
            });
        }
        return uri;
    }

    /**
     * Checks the URL, resolves its host and checks every address it resolves to (one bad address refuses the host:
     * a client could pick any of them). Blocking (DNS): call it on a worker or virtual thread.
     *
     * @throws EgressRefusedException when the URL or any of its addresses is refused, or the host does not resolve
     */
    public EgressTarget resolve(String url) {
        URI uri = checkUrl(url);
        String host = host(uri);
        InetAddress[] addresses;
        try {
            Optional<byte[]> literal = IpLiterals.parse(host);
            addresses = literal.isPresent()
                    ? new InetAddress[]{InetAddress.getByAddress(literal.get())}
                    : resolver.resolve(host);
        } catch (UnknownHostException e) {
            // The same words as for a private address: whether an internal name exists is not the tenant's to learn.
            throw new EgressRefusedException("URL refused: " + NOT_PUBLIC);
        }
        if (addresses.length == 0) {
            throw new EgressRefusedException("URL refused: " + NOT_PUBLIC);
        }
        if (!allowedHosts.contains(host)) {
            boolean refused = Arrays.stream(addresses)
                    .anyMatch(a -> ForbiddenRanges.kindOf(a).isPresent() && !allowed(a.getAddress()));
            if (refused) {
                throw new EgressRefusedException("URL refused: " + NOT_PUBLIC);
            }
        }
        return new EgressTarget(uri, host, port(uri), addresses[0]);
    }

    private boolean allowed(byte[] address) {
        return allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new EgressRefusedException("URL refused: it is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("URL refused: it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !SCHEMES.contains(scheme)) {
            throw new EgressRefusedException("URL refused: only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw new EgressRefusedException("URL refused: user info (user:password@) is not allowed in the URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            // java.net.URI leaves the host empty for names whose last label starts with a digit, such as 127.1.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":\\d*$", "");
            if (IpLiterals.isAmbiguousNumeric(authority)) {
                throw new EgressRefusedException("URL refused: its host '" + authority
                        + "' is a numeric form that is not a dotted IPv4 address");
            }
            throw new EgressRefusedException("URL refused: it has no valid host name");
        }
        return uri;
    }

    private static String host(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
