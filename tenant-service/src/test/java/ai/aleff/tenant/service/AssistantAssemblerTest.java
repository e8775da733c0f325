package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;

class AssistantAssemblerTest {

    private static final String TENANT = "0b7e6c1e-9a53-4a8e-8f0e-3c1f5d2a9b11";
    private static final String KEY = "sk-kept-across-chains-9x9x";
    private static final SecretCipher CIPHER = new SecretCipher(new SecretSettings() {
        @Override
        public Map<String, String> keys() {
            return Map.of("k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }

        @Override
        public Optional<String> activeKey() {
            return Optional.of("k1");
        }

        @Override
        public boolean legacyReadable() {
            return true;
        }
    });

    private final AssistantAssembler assembler = new AssistantAssembler(CIPHER);

    @Test
    void aKeyKeptFromTheMainChainIntoASubagentIsSealedForTheSubagentsEntry() {
        // Given a stored main-chain key
        ModelChoice main = new ModelChoice("openai", "gpt-4o-mini", null, null);
        EncryptedSecret stored = CIPHER.encrypt(SecretPlace.model(TENANT, main), KEY);
        AssistantConfiguration current = new AssistantConfiguration(1, null,
                List.of(new ModelChoice("openai", "gpt-4o-mini", null, stored)), List.of(), List.of(), List.of(),
                null, null);

        // When a subagent keeps the key of the same provider and model
        ModelInput keep = new ModelInput("openai", "gpt-4o-mini", null, null, true);
        AssistantConfiguration next = assembler.assemble(TENANT, 2, new AssistantInput(null, List.of(keep), null,
                List.of(new SubagentInput("helper", "d", null, List.of(keep), null)), null, null, null), current);

        // Then the main chain keeps its ciphertext, and the subagent's copy decrypts only at the subagent's entry
        ModelChoice kept = next.models().getFirst();
        ModelChoice copied = next.subagents().getFirst().models().getFirst();
        assertThat(kept.apiKey()).isSameAs(stored);
        assertThat(CIPHER.decrypt(SecretPlace.subagentModel(TENANT, "helper", copied), copied.apiKey()))
                .isEqualTo(KEY);
        assertThat(copied.apiKey().ciphertext()).isNotEqualTo(stored.ciphertext());
    }
}
