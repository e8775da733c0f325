package ai.aleff.tenant.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.platform.rest.Problem.FieldError;
import ai.aleff.platform.secrets.SecretCipher;

/**
 * Turns a validated {@link AssistantInput} into the configuration that is stored and published: plain API keys are
 * encrypted for the tenant, {@code keepApiKey} takes the already encrypted key from the current configuration, and
 * absent lists become empty ones. After this no plain key exists outside the request.
 */
final class AssistantAssembler {

    private final SecretCipher cipher;

    AssistantAssembler(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @throws InvalidAssistantException when {@code keepApiKey} names a key the current configuration does not hold
     */
    AssistantConfiguration assemble(String tenantId, long version, AssistantInput input,
            AssistantConfiguration current) {
        List<FieldError> errors = new ArrayList<>();
        List<ModelChoice> models = models(tenantId, "models", input.models(), current.models(), current, errors);
        List<Subagent> subagents = new ArrayList<>();
        List<SubagentInput> subagentInputs = orEmpty(input.subagents());
        for (int i = 0; i < subagentInputs.size(); i++) {
            SubagentInput in = subagentInputs.get(i);
            List<ModelChoice> sameScope = current.subagents()
                    .stream()
                    .filter(s -> s.name().equals(in.name()))
                    .findFirst()
                    .map(Subagent::models)
                    .orElse(List.of());
            subagents.add(new Subagent(in.name(), in.description(), in.instructions(),
                    models(tenantId, "subagents[" + i + "].models", in.models(), sameScope, current, errors),
                    orEmpty(in.tools())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidAssistantException(errors);
        }
        return new AssistantConfiguration(version, input.instructions(), models, orEmpty(input.tools()), subagents,
                orEmpty(input.skills()), input.maxToolIterations(), input.historyTokenBudget());
    }

    private List<ModelChoice> models(String tenantId, String path, List<ModelInput> inputs,
            List<ModelChoice> sameScope, AssistantConfiguration current, List<FieldError> errors) {
        List<ModelChoice> models = new ArrayList<>();
        List<ModelInput> list = orEmpty(inputs);
        for (int i = 0; i < list.size(); i++) {
            ModelInput in = list.get(i);
            EncryptedSecret key = null;
            if (in.apiKey() != null) {
                key = cipher.encrypt(tenantId, in.apiKey());
            } else if (in.keepsStoredKey()) {
                Optional<EncryptedSecret> stored = storedKey(in, sameScope, current);
                if (stored.isEmpty()) {
                    errors.add(new FieldError(path + "[" + i + "].keepApiKey",
                            "no API key is stored for this provider, model and baseUrl; send apiKey"));
                }
                key = stored.orElse(null);
            }
            models.add(new ModelChoice(in.provider(), in.model(), in.baseUrl(), key));
        }
        return models;
    }

    /** The same chain first (a subagent keeps its own key), then anywhere in the current configuration. */
    private static Optional<EncryptedSecret> storedKey(ModelInput in, List<ModelChoice> sameScope,
            AssistantConfiguration current) {
        Stream<ModelChoice> everywhere = Stream.concat(current.models().stream(),
                current.subagents().stream().flatMap(s -> s.models().stream()));
        return Stream.concat(sameScope.stream(), everywhere)
                .filter(m -> m.apiKey() != null && m.provider().equals(in.provider()) && m.model().equals(in.model())
                        && Objects.equals(m.baseUrl(), in.baseUrl()))
                .map(ModelChoice::apiKey)
                .findFirst();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
