package ai.aleff.agent.delegation;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.aleff.agent.model.ChainLink;
import ai.aleff.agent.model.ChatModelFactory;
import ai.aleff.agent.model.ModelChain;
import ai.aleff.agent.model.ModelEndpoint;
import ai.aleff.agent.model.ModelGateway;
import ai.aleff.agent.model.ModelSettings;
import ai.aleff.agent.model.ProviderKind;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * Which model chain a turn calls: a child turn's subagent with models of its own gets its own chain, everything
 * else the tenant's. Subagent chains are built once per distinct list of models and share the platform gateway's
 * failover, cooldowns and usage reporting.
 * <p>
 * For now a subagent's models use the platform's key for their provider: entries carrying their own (encrypted)
 * key are skipped until key decryption lands with per-tenant chains.
 */
@ApplicationScoped
public class SubagentModels {

    private static final Logger LOG = Logger.getLogger(SubagentModels.class);

    private final ModelGateway platform;
    private final ModelChain platformChain;
    private final ModelSettings settings;
    private final ChatModelFactory factory = new ChatModelFactory(Clock.systemUTC());
    private final Map<List<ModelChoice>, ModelGateway> chains = new ConcurrentHashMap<>();

    public SubagentModels(ModelGateway platform, ModelChain platformChain, ModelSettings settings) {
        this.platform = platform;
        this.platformChain = platformChain;
        this.settings = settings;
    }

    /** The one place that decides a turn's chain (merge point with per-tenant chains). */
    public ModelGateway chainFor(Turn turn, AssistantConfiguration assistant) {
        Optional<Subagent> subagent = turn.isChild()
                ? TenantAssistants.subagent(assistant, turn.lineage().subagent())
                : Optional.empty();
        List<ModelChoice> usable = subagent.map(s -> TenantAssistants.orEmpty(s.models()))
                .orElse(List.of())
                .stream()
                .filter(SubagentModels::usable)
                .toList();
        return usable.isEmpty() ? tenantChain(turn) : chains.computeIfAbsent(usable, this::build);
    }

    /** The tenant's own chain; the platform's until per-tenant chains exist. */
    private ModelGateway tenantChain(Turn turn) {
        return platform;
    }

    private ModelGateway build(List<ModelChoice> choices) {
        List<ChainLink> links = choices.stream().map(choice -> {
            ProviderKind provider = ProviderKind.valueOf(choice.provider().toUpperCase(Locale.ROOT));
            ModelEndpoint endpoint = new ModelEndpoint(provider, choice.model(),
                    Optional.ofNullable(choice.baseUrl()).filter(url -> !url.isBlank()), platformKey(provider),
                    settings.timeout());
            return new ChainLink(endpoint, factory.create(endpoint));
        }).toList();
        LOG.infof("Subagent model chain: %s", links.stream().map(ChainLink::endpoint).toList());
        return platform.withChain(new ModelChain(links));
    }

    private Optional<String> platformKey(ProviderKind provider) {
        return platformChain.links()
                .stream()
                .map(ChainLink::endpoint)
                .filter(e -> e.provider() == provider && e.apiKey().isPresent())
                .findFirst()
                .flatMap(ModelEndpoint::apiKey);
    }

    private static boolean usable(ModelChoice choice) {
        if (choice == null || choice.apiKey() != null || choice.model() == null || choice.model().isBlank()
                || choice.provider() == null) {
            return false;
        }
        try {
            ProviderKind.valueOf(choice.provider().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
