package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.platform.rest.Problem.FieldError;

class PortableAssistantTest {

    private static final EncryptedSecret KEY = new EncryptedSecret("k1", "c2VjcmV0LWNpcGhlcnRleHQ", "WXYZ",
            EncryptedSecret.BOUND);

    @Test
    void aPortableCopyKeepsOnlyWhetherAModelHadItsOwnKey() {
        // Given a configuration with an own key in the chain and in a subagent
        AssistantConfiguration configuration = new AssistantConfiguration(3, "Be brief.",
                List.of(new ModelChoice("openai", "gpt-4o-mini", null, KEY),
                        new ModelChoice("ollama", "llama3.1:8b", "http://127.0.0.1:11434", null)),
                List.of("time_now"),
                List.of(new Subagent("researcher", "Looks things up.", null,
                        List.of(new ModelChoice("anthropic", "claude", null, KEY)), List.of())),
                List.of(), 8, 8000);

        // When it is made portable
        PortableAssistant portable = PortableAssistant.of(configuration);

        // Then the models say only whether a key is needed, and nothing of the key is anywhere in it
        assertThat(portable.models()).extracting(PortableModel::apiKeyRequired).containsExactly(true, false);
        assertThat(portable.subagents().getFirst().models().getFirst().apiKeyRequired()).isTrue();
        assertThat(portable.models()).extracting(PortableModel::apiKey).containsOnlyNulls();
        assertThat(portable.toString()).doesNotContain(KEY.ciphertext()).doesNotContain(KEY.hint())
                .doesNotContain(KEY.keyId());
        assertThat(portable.instructions()).isEqualTo("Be brief.");
        assertThat(portable.maxToolIterations()).isEqualTo(8);
    }

    @Test
    void onImportASuppliedKeyIsSentANeededOneKeptAndOtherwiseThePlatformsUsed() {
        PortableAssistant portable = new PortableAssistant(null, List.of(
                new PortableModel("openai", "a", null, true, "sk-supplied"),
                new PortableModel("openai", "b", null, true, null),
                new PortableModel("openai", "c", null, false, null),
                new PortableModel("openai", "d", null, null, null)), null, null, null, null, null);

        List<ModelInput> models = portable.toInput().models();

        assertThat(models).extracting(ModelInput::apiKey).containsExactly("sk-supplied", null, null, null);
        assertThat(models).extracting(ModelInput::keepsStoredKey).containsExactly(false, true, false, false);
    }

    @Test
    void aTemplateNamesEveryEntryThatCarriesOrNeedsAKey() {
        PortableAssistant portable = new PortableAssistant(null, List.of(
                new PortableModel("openai", "a", null, null, "sk-x"),
                new PortableModel("openai", "b", null, false, null)), null,
                List.of(new PortableSubagent("s", "d", null,
                        List.of(new PortableModel("openai", "c", null, true, null)), null)),
                null, null, null);

        assertThat(portable.keyErrors("assistant.")).extracting(FieldError::field)
                .containsExactly("assistant.models[0]", "assistant.subagents[0].models[0]");
    }

    @Test
    void aSuppliedKeyNeverShowsInText() {
        assertThat(new PortableModel("openai", "a", null, true, "sk-secret-value").toString())
                .doesNotContain("sk-secret-value");
    }
}
