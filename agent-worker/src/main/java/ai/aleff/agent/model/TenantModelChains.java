package ai.aleff.agent.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.langchain4j.model.chat.ChatModel;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.platform.egress.PlatformKeyEndpoints;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * The model chain of each tenant, built from its assistant configuration and cached per tenant and assistant
 * version: a configuration change builds a new chain on the tenant's next turn, and the old one is dropped. An empty
 * model list means the platform chain. A tenant's own key is decrypted here, only into the LangChain4j model that
 * sends it, and only at the place it was encrypted for (the tenant and this entry of this chain, {@link SecretPlace}):
 * a ciphertext copied to another entry does not decrypt, and that entry fails without a call. Without a key of its
 * own, the platform's key for that provider ({@code aleff.agent.model.platform-key-refs}) is used.
 */
@ApplicationScoped
public class TenantModelChains {

    private static final Logger LOG = Logger.getLogger(TenantModelChains.class);

    private record Cached(long version, ModelChain chain) {
    }

    private final ModelGateway gateway;
    private final ModelSettings settings;
    private final SecretCipher cipher;
    private final Config config;
    private final ChatModelFactory factory;
    private final PlatformKeyEndpoints platformKeyEndpoints;
    private final Map<String, Cached> chains = new ConcurrentHashMap<>();
    // Keyed by tenant and subagent name; a new assistant version replaces the entry, so it stays bounded by the
    // tenants' configured subagents.
    private final Map<String, Cached> subagentChains = new ConcurrentHashMap<>();

    public TenantModelChains(ModelGateway gateway, ModelSettings settings, SecretCipher cipher, Config config,
            ModelHttp http, PlatformKeyEndpoints platformKeyEndpoints) {
        this.gateway = gateway;
        this.platformKeyEndpoints = platformKeyEndpoints;
        this.factory = new ChatModelFactory(http::forTenant);
        this.settings = settings;
        this.cipher = cipher;
        this.config = config;
    }

    /** The chain a tenant's turns use. */
    public ModelChain chainFor(String tenantId, AssistantConfiguration assistant) {
        if (assistant.models() == null || assistant.models().isEmpty()) {
            chains.remove(tenantId);
            return gateway.defaultChain();
        }
        Cached cached = chains.get(tenantId);
        if (cached != null && cached.version() == assistant.version()) {
            return cached.chain();
        }
        ModelChain built = build(tenantId, null, assistant.models());
        LOG.infof("Model chain of tenant %s (assistant version %d): %s", tenantId, assistant.version(),
                built.links().stream().map(ChainLink::endpoint).toList());
        chains.put(tenantId, new Cached(assistant.version(), built));
        return built;
    }

    /**
     * The chain of one of the tenant's subagents that names models of its own, cached per tenant, assistant version
     * and subagent name; keys are decrypted as for the tenant's own chain.
     */
    public ModelChain subagentChain(String tenantId, long assistantVersion, Subagent subagent) {
        String key = tenantId + "\u0000" + subagent.name();
        Cached cached = subagentChains.get(key);
        if (cached != null && cached.version() == assistantVersion) {
            return cached.chain();
        }
        ModelChain built = build(tenantId, subagent.name(), subagent.models());
        LOG.infof("Model chain of subagent %s of tenant %s (assistant version %d): %s", subagent.name(), tenantId,
                assistantVersion, built.links().stream().map(ChainLink::endpoint).toList());
        subagentChains.put(key, new Cached(assistantVersion, built));
        return built;
    }

    /** The chain of the tenant, or of its subagent {@code subagent} when that is not null. */
    private ModelChain build(String tenantId, String subagent, List<ModelChoice> choices) {
        return new ModelChain(choices.stream().map(choice -> link(tenantId, subagent, choice)).toList());
    }

    private ChainLink link(String tenantId, String subagent, ModelChoice choice) {
        Optional<ProviderKind> provider = provider(choice.provider());
        String model = choice.model() == null ? "" : choice.model();
        if (provider.isEmpty() || provider.get() == ProviderKind.OFFLINE) {
            ModelEndpoint endpoint = new ModelEndpoint(ProviderKind.OFFLINE, model, Optional.empty(),
                    Optional.empty(), settings.timeout());
            return new ChainLink(endpoint, new UnavailableChatModel("unknown provider '" + choice.provider() + "'"));
        }
        Optional<String> baseUrl = Optional.ofNullable(choice.baseUrl()).filter(url -> !url.isBlank());
        if (choice.apiKey() == null && provider.get() != ProviderKind.OLLAMA
                && !platformKeyEndpoints.allows(provider.get().id(), baseUrl.orElse(null))) {
            // The platform's key goes only to the provider's own endpoint: another URL would receive it.
            ModelEndpoint endpoint = new ModelEndpoint(provider.get(), model, baseUrl, Optional.empty(),
                    settings.timeout());
            return new ChainLink(endpoint, new UnavailableChatModel(
                    "a model entry with its own baseUrl needs the tenant's own apiKey"));
        }
        Optional<String> key;
        try {
            key = choice.apiKey() == null
                    ? platformKey(provider.get())
                    : Optional.of(cipher.decrypt(place(tenantId, subagent, choice), choice.apiKey()));
        } catch (RuntimeException e) {
            // The message names the key id at most, never key material.
            LOG.warnf("Tenant %s: the key of %s/%s%s cannot be decrypted: %s", tenantId, provider.get().id(), model,
                    subagent == null ? "" : " (subagent " + subagent + ")", e.getMessage());
            ModelEndpoint endpoint = new ModelEndpoint(provider.get(), model, baseUrl, Optional.empty(),
                    settings.timeout());
            return new ChainLink(endpoint, new UnavailableChatModel("the tenant's API key cannot be decrypted"));
        }
        ModelEndpoint endpoint = new ModelEndpoint(provider.get(), model, baseUrl, key, settings.timeout());
        ChatModel chatModel = factory.create(endpoint);
        return new ChainLink(endpoint, chatModel);
    }

    private static SecretPlace place(String tenantId, String subagent, ModelChoice choice) {
        return subagent == null
                ? SecretPlace.model(tenantId, choice)
                : SecretPlace.subagentModel(tenantId, subagent, choice);
    }

    private Optional<String> platformKey(ProviderKind provider) {
        return Optional.ofNullable(settings.platformKeyRefs().get(provider.id()))
                .flatMap(ref -> config.getOptionalValue(ref, String.class));
    }

    private static Optional<ProviderKind> provider(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProviderKind.valueOf(id.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
