package ai.aleff.platform.egress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * What the egress guard lets a tenant-influenced URL reach besides public addresses ({@code aleff.egress.*}). Both
 * lists are empty by default: only public unicast addresses are reachable.
 */
@ConfigMapping(prefix = "aleff.egress")
public interface EgressSettings {

    /**
     * Networks in CIDR notation ({@code 127.0.0.0/8}, {@code 10.20.0.0/16}, {@code ::1/128}) that are reachable
     * although they are loopback, private, link-local or otherwise refused: the local run allows loopback so a local
     * Ollama works. Never list a cloud metadata address.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Host names (exact, case-insensitive) reachable whatever they resolve to: the operator's own model gateway or
     * proxy inside the cluster.
     */
    Optional<List<String>> allowedHosts();

    /**
     * Where the platform's key of a model provider may be sent, per provider id ({@code openai}, {@code anthropic},
     * {@code gemini}): that provider's own endpoints (scheme, host and port; the path does not matter), comma
     * separated. An entry replaces the provider's default, its public API ({@link PlatformKeyEndpoints#DEFAULTS}).
     */
    Map<String, List<String>> platformKeyEndpoints();
}
