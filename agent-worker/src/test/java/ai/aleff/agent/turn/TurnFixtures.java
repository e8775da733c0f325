package ai.aleff.agent.turn;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.model.ChainLink;
import ai.aleff.agent.model.ModelChain;
import ai.aleff.agent.model.ModelEndpoint;
import ai.aleff.agent.model.ModelUsage;
import ai.aleff.agent.model.ProviderKind;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnLineage;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.platform.messaging.AuditTrail;

/** Plain objects for the turn stages' unit tests: no CDI, no database, no broker. */
final class TurnFixtures {

    static final String TENANT = "tenant-1";
    static final String CONVERSATION = "conv-1";
    static final TurnAudit AUDIT = new TurnAudit(new AuditTrail("agent-worker"));
    static final ModelUsage USAGE = new ModelUsage(ProviderKind.OFFLINE, "offline", 10, 5, BigDecimal.ZERO, "USD", 1);

    private TurnFixtures() {
    }

    /** The worker's settings at their defaults, as SmallRye Config maps them. */
    static AgentSettings settings() {
        return new SmallRyeConfigBuilder().withMapping(AgentSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .build()
                .getConfigMapping(AgentSettings.class);
    }

    static Turn userTurn(String text, int iteration) {
        return new Turn("turn-1", TENANT, CONVERSATION, "user-1", "api", text, TurnStatus.RUNNING, iteration);
    }

    static Turn childTurn(String subagent) {
        return new Turn("child-1", TENANT, CONVERSATION, "user-1", "api", "do the task", TurnStatus.RUNNING, 0,
                new TurnLineage("turn-1", "turn-1:0:0", 1, subagent));
    }

    static AssistantProfile profile(int maxToolIterations) {
        ModelEndpoint offline = new ModelEndpoint(ProviderKind.OFFLINE, "offline", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30));
        return new AssistantProfile(TENANT, "Be helpful.", new ModelChain(List.of(new ChainLink(offline, null))),
                List.of(), maxToolIterations, 8000, null);
    }

    static AssistantConfiguration assistant(List<String> tools, List<Subagent> subagents, List<Skill> skills) {
        return new AssistantConfiguration(1, null, List.of(), tools, subagents, skills, null, null);
    }

    static Subagent subagent(String name, List<String> tools) {
        return new Subagent(name, "Does " + name + " work.", "Work as " + name + ".", List.of(), tools);
    }

    static ToolExecutionRequest request(String id, String name, String arguments) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
    }
}
