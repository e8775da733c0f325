package ai.aleff.platform.egress;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where the platform's key of a model provider may go: only to that provider's own endpoints. tenant-service refuses
 * a tenant model entry that names another base URL without the tenant's own key, and agent-worker never sends the
 * platform key there, from this one definition.
 */
@ApplicationScoped
public class PlatformKeyEndpoints {

    /** The providers' public APIs. */
    public static final Map<String, List<String>> DEFAULTS = Map.of(
            "openai", List.of("https://api.openai.com"),
            "anthropic", List.of("https://api.anthropic.com"),
            "gemini", List.of("https://generativelanguage.googleapis.com"));

    private final Map<String, List<String>> configured;

    @Inject
    public PlatformKeyEndpoints(EgressSettings settings) {
        this(settings.platformKeyEndpoints());
    }

    public PlatformKeyEndpoints(Map<String, List<String>> configured) {
        this.configured = Map.copyOf(configured);
    }

    /**
     * Whether the platform's key of {@code provider} may be sent to {@code baseUrl}: no base URL (the provider's
     * default endpoint) or one with the scheme, host and port of one of the provider's endpoints.
     */
    public boolean allows(String provider, String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return true;
        }
        String id = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        List<String> endpoints = configured.getOrDefault(id, DEFAULTS.getOrDefault(id, List.of()));
        try {
            URI target = URI.create(baseUrl.trim());
            return endpoints.stream().map(e -> URI.create(e.trim())).anyMatch(e -> sameOrigin(e, target));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b) && b.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
