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
import ai.aleff.contracts.events.AssistantConfiguration.Transcription;
import ai.aleff.platform.rest.Problem.FieldError;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * Turns a validated {@link AssistantInput} into the configuration that is stored and published: plain API keys are
 * encrypted for their place (tenant and entry, {@link SecretPlace}), {@code keepApiKey} takes the already encrypted
 * key from the current configuration (sealed again for its new place when it comes from another chain, or when it is
 * not under the active platform key), and absent lists become empty ones. After this no plain key exists outside the
 * request.
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
        List<ModelChoice> models = models(tenantId, null, "models", input.models(), current.models(), current,
                errors);
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
                    models(tenantId, in.name(), "subagents[" + i + "].models", in.models(), sameScope, current,
                            errors),
                    orEmpty(in.tools())));
        }
        Transcription transcription = transcription(tenantId, input.transcription(), current.transcription(),
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidAssistantException(errors);
        }
        return new AssistantConfiguration(version, input.instructions(), models, orEmpty(input.tools()), subagents,
                orEmpty(input.skills()), input.maxToolIterations(), input.historyTokenBudget(), transcription);
    }

    /** The transcription entry, its key encrypted at its own place, or kept from the current entry of that place. */
    private Transcription transcription(String tenantId, TranscriptionInput in, Transcription current,
            List<FieldError> errors) {
        if (in == null) {
            return null;
        }
        SecretPlace place = SecretPlace.transcription(tenantId, in.model(), in.baseUrl());
        EncryptedSecret key = null;
        if (in.apiKey() != null) {
            key = cipher.encrypt(place, in.apiKey());
        } else if (in.keepsStoredKey()) {
            if (current == null || current.apiKey() == null || !current.baseUrl().equals(in.baseUrl())
                    || !current.model().equals(in.model())) {
                errors.add(new FieldError("transcription.keepApiKey",
                        "no API key is stored for this baseUrl and model; send apiKey"));
            } else {
                key = reseal(new StoredKey(place, null), current.apiKey(), place, "transcription.keepApiKey",
                        errors);
            }
        }
        return new Transcription(in.baseUrl(), in.model(), key);
    }

    /** The models of one chain: the tenant's own when {@code subagent} is null. */
    private List<ModelChoice> models(String tenantId, String subagent, String path, List<ModelInput> inputs,
            List<ModelChoice> sameScope, AssistantConfiguration current, List<FieldError> errors) {
        List<ModelChoice> models = new ArrayList<>();
        List<ModelInput> list = orEmpty(inputs);
        for (int i = 0; i < list.size(); i++) {
            ModelInput in = list.get(i);
            SecretPlace place = place(tenantId, subagent,
                    new ModelChoice(in.provider(), in.model(), in.baseUrl(), null));
            EncryptedSecret key = null;
            if (in.apiKey() != null) {
                key = cipher.encrypt(place, in.apiKey());
            } else if (in.keepsStoredKey()) {
                Optional<StoredKey> stored = storedKey(tenantId, in, subagent, sameScope, current);
                if (stored.isEmpty()) {
                    errors.add(new FieldError(path + "[" + i + "].keepApiKey",
                            "no API key is stored for this provider, model and baseUrl; send apiKey"));
                } else {
                    key = reseal(stored.get(), stored.get().key(), place, path + "[" + i + "].keepApiKey", errors);
                }
            }
            models.add(new ModelChoice(in.provider(), in.model(), in.baseUrl(), key));
        }
        return models;
    }

    private EncryptedSecret reseal(StoredKey stored, EncryptedSecret key, SecretPlace place, String field,
            List<FieldError> errors) {
        try {
            return cipher.reseal(stored.place(), place, key);
        } catch (RuntimeException e) {
            // Names the key id at most (the cipher's messages never carry key material).
            errors.add(new FieldError(field, "the stored API key can no longer be read (" + e.getMessage()
                    + "); send apiKey"));
            return null;
        }
    }

    /** A model of the current configuration and the place its key is bound to. */
    private record StoredKey(SecretPlace place, ModelChoice model) {

        EncryptedSecret key() {
            return model.apiKey();
        }
    }

    /** The same chain first (a subagent keeps its own key), then anywhere in the current configuration. */
    private static Optional<StoredKey> storedKey(String tenantId, ModelInput in, String subagent,
            List<ModelChoice> sameScope, AssistantConfiguration current) {
        Stream<StoredKey> same = sameScope.stream().map(m -> new StoredKey(place(tenantId, subagent, m), m));
        Stream<StoredKey> main = current.models().stream().map(m -> new StoredKey(SecretPlace.model(tenantId, m), m));
        Stream<StoredKey> subagents = current.subagents()
                .stream()
                .flatMap(s -> s.models()
                        .stream()
                        .map(m -> new StoredKey(SecretPlace.subagentModel(tenantId, s.name(), m), m)));
        return Stream.concat(same, Stream.concat(main, subagents))
                .filter(k -> k.key() != null && k.model().provider().equals(in.provider())
                        && k.model().model().equals(in.model()) && Objects.equals(k.model().baseUrl(), in.baseUrl()))
                .findFirst();
    }

    /** The place of a model's key: in the tenant's chain, or in subagent {@code subagent}'s. */
    static SecretPlace place(String tenantId, String subagent, ModelChoice model) {
        return subagent == null
                ? SecretPlace.model(tenantId, model)
                : SecretPlace.subagentModel(tenantId, subagent, model);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
