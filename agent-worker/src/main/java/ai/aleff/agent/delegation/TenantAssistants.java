package ai.aleff.agent.delegation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * A tenant's skills and subagents, from the tenant cache. Every field of the configuration may be absent, so the
 * accessors here never return null; an unknown tenant has none.
 */
@ApplicationScoped
public class TenantAssistants {

    private static final Duration LOAD_WAIT = Duration.ofMinutes(2);

    private final TenantDirectory directory;

    public TenantAssistants(TenantDirectory directory) {
        this.directory = directory;
    }

    /**
     * Completes once the cache has read every configuration published before this worker started, so a turn
     * picked up right after a start (a redelivery, the stale-turn resumer) does not run without its tenant's skills
     * and subagents. Gives up after {@link #LOAD_WAIT}; the caller's step then fails and is retried.
     */
    public Uni<Void> loaded() {
        return Uni.createFrom()
                .item(directory::isCaughtUp)
                .chain(ready -> ready
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().<Void>failure(new IllegalStateException("tenant configuration not loaded")))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .expireIn(LOAD_WAIT.toMillis());
    }

    /** The configuration in a tenant snapshot; the platform's defaults for a tenant the directory does not know. */
    public static AssistantConfiguration of(Optional<TenantView> snapshot) {
        return snapshot.map(TenantView::assistant).orElse(AssistantConfiguration.platformDefaults());
    }

    public static List<Skill> skills(AssistantConfiguration assistant) {
        return orEmpty(assistant.skills());
    }

    public static List<Subagent> subagents(AssistantConfiguration assistant) {
        return orEmpty(assistant.subagents());
    }

    /** The platform tools the tenant allows; empty means every platform tool. */
    public static List<String> tools(AssistantConfiguration assistant) {
        return orEmpty(assistant.tools());
    }

    public static Optional<Subagent> subagent(AssistantConfiguration assistant, String name) {
        return name == null
                ? Optional.empty()
                : subagents(assistant).stream().filter(s -> name.equals(s.name())).findFirst();
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
