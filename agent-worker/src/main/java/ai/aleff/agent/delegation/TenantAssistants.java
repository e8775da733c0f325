package ai.aleff.agent.delegation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final TenantDirectory directory;

    public TenantAssistants(TenantDirectory directory) {
        this.directory = directory;
    }

    public AssistantConfiguration of(String tenantId) {
        return directory.find(tenantId).map(TenantView::assistant).orElse(AssistantConfiguration.platformDefaults());
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
