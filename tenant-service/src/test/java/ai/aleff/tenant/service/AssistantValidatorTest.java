package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.PlatformKeyEndpoints;
import ai.aleff.platform.rest.Problem.FieldError;

class AssistantValidatorTest {

    private final AssistantValidator validator = new AssistantValidator(
            Set.of("time_now", "calculator", "remember", "recall", "forget"), EgressGuard.strict(),
            new PlatformKeyEndpoints(Map.of()));

    @Test
    void aFullConfigurationAtEveryLimitIsValid() {
        // Given every field used, each at its largest allowed size
        List<ModelInput> chain = Collections.nCopies(5, model("openai", "gpt-4o-mini", "https://api.openai.com/v1"));
        List<SubagentInput> subagents = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new SubagentInput("agent-" + i, "d".repeat(1000), "i".repeat(20_000), chain,
                        List.of("time_now")))
                .toList();
        List<Skill> skills = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new Skill("skill_" + i, "when", "c"))
                .toList();
        AssistantInput input = new AssistantInput("x".repeat(20_000), chain, List.of("time_now", "calculator"),
                subagents, skills, 50, 1_000_000);

        // Then nothing is reported
        assertThat(validator.validate(input)).isEmpty();
    }

    @Test
    void anEmptyConfigurationMeansPlatformDefaultsAndIsValid() {
        assertThat(validator.validate(new AssistantInput(null, null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void modelNamesOfTheSupportedProvidersAreValid() {
        for (String name : List.of("gpt-4o-mini", "claude-3-5-haiku-latest", "models/gemini-1.5-pro", "llama3.1:8b",
                "meta-llama/Llama-3.1-8B-Instruct", "qwen2.5@q4")) {
            assertThat(errors(modelInput(model("ollama", name, null)))).as(name).isEmpty();
        }
    }

    @Test
    void unknownProviderAndBadModelNamesAreReportedWithTheirPath() {
        // Given a chain with an unknown provider and a model name with a space
        AssistantInput input = modelInput(model("OpenAI", "gpt 4", null), model("openai", "", null),
                model(null, "-x", null));

        // Then each field is named with its index
        assertThat(fields(input)).containsExactly("models[0].provider", "models[0].model", "models[1].model",
                "models[2].provider", "models[2].model");
    }

    @Test
    void baseUrlMustBeAnAbsoluteHttpUrlWithoutCredentials() {
        for (String url : List.of("javascript:alert(1)", "file:///etc/passwd", "ftp://host/x", "//host/v1", "/v1",
                "http://user:pass@host/v1", "https://token@api.openai.com/v1", "http:///v1", "http://host/v1#x",
                "not a url", "https://" + "a".repeat(2000) + ".com")) {
            assertThat(fields(modelInput(model("openai", "gpt", url)))).as(url).containsExactly("models[0].baseUrl");
        }
        // Valid URLs (loopback allowed, as in the local run; the tenant's own key, so the platform key is not at stake)
        AssistantValidator local = new AssistantValidator(Set.of(), new EgressGuard(List.of("127.0.0.0/8", "::1/128"),
                List.of(), InetAddress::getAllByName), new PlatformKeyEndpoints(Map.of()));
        for (String url : List.of("http://127.0.0.1:11434", "https://api.openai.com/v1", "HTTPS://Example.COM/v1?x=1",
                "http://[::1]:8000/v1")) {
            assertThat(local.validate(modelInput(new ModelInput("openai", "gpt", url, "sk-own", null)))).as(url)
                    .isEmpty();
        }
    }

    @Test
    void aBaseUrlOnAnInternalOrAmbiguousAddressIsRefusedWithTheReason() {
        // Given the production guard (no private address allowed)
        for (String url : List.of("http://127.0.0.1:11434", "http://[::1]:8000/v1", "http://169.254.169.254/latest",
                "http://10.0.0.7/v1", "http://[::ffff:192.168.0.1]/", "http://2130706433/v1")) {
            // When a tenant names it / Then the baseUrl is refused and the reason says why
            List<FieldError> errors = errors(modelInput(new ModelInput("openai", "gpt", url, "sk-own", null)));
            assertThat(errors).as(url).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("models[0].baseUrl");
                assertThat(e.message()).startsWith("is refused: its host");
            });
        }
    }

    @Test
    void aBaseUrlOtherThanTheProvidersOwnNeedsTheTenantsOwnKey() {
        // Given a model on a custom endpoint without a key: the platform's key would go there
        assertThat(fields(modelInput(model("openai", "gpt", "https://my-vllm.example/v1"))))
                .containsExactly("models[0].apiKey");
        assertThat(fields(modelInput(model("anthropic", "claude", "https://api.openai.com/v1"))))
                .containsExactly("models[0].apiKey");
        // Then with the tenant's key, a kept key, the provider's own endpoint or no baseUrl it is fine
        assertThat(errors(modelInput(new ModelInput("openai", "gpt", "https://my-vllm.example/v1", "sk-own",
                null)))).isEmpty();
        assertThat(errors(modelInput(new ModelInput("openai", "gpt", "https://my-vllm.example/v1", null, true))))
                .isEmpty();
        assertThat(errors(modelInput(model("openai", "gpt", "https://API.openai.com:443/v2")))).isEmpty();
        assertThat(errors(modelInput(model("openai", "gpt", null)))).isEmpty();
        // And Ollama has no platform key to protect
        assertThat(errors(modelInput(model("ollama", "llama3.1:8b", "https://ollama.example")))).isEmpty();
    }

    @Test
    void apiKeyAndKeepApiKeyAreExclusiveAndTheKeyMustBePrintable() {
        assertThat(fields(modelInput(new ModelInput("openai", "gpt", null, "sk-abc", true))))
                .containsExactly("models[0].apiKey");
        for (String key : List.of("", "sk abc", "sk-abc\n", "k".repeat(1001), "sk-é")) {
            assertThat(fields(modelInput(new ModelInput("openai", "gpt", null, key, null)))).as(key)
                    .containsExactly("models[0].apiKey");
        }
        assertThat(errors(modelInput(new ModelInput("openai", "gpt", null, "k".repeat(1000), false)))).isEmpty();
    }

    @Test
    void tooManyModelsSubagentsOrSkillsAreRefused() {
        List<ModelInput> six = Collections.nCopies(6, model("openai", "gpt", null));
        assertThat(fields(modelInput(six.toArray(ModelInput[]::new)))).containsExactly("models");
        List<SubagentInput> subagents = java.util.stream.IntStream.range(0, 21)
                .mapToObj(i -> new SubagentInput("a" + i, "d", null, null, null))
                .toList();
        assertThat(fields(new AssistantInput(null, null, null, subagents, null, null, null)))
                .containsExactly("subagents");
        List<Skill> skills = java.util.stream.IntStream.range(0, 51).mapToObj(i -> new Skill("s" + i, "d", "c"))
                .toList();
        assertThat(fields(new AssistantInput(null, null, null, null, skills, null, null))).containsExactly("skills");
        assertThat(fields(new AssistantInput(null, null, null,
                List.of(new SubagentInput("a", "d", null, six, null)), null, null, null)))
                .containsExactly("subagents[0].models");
    }

    @Test
    void subagentAndSkillNamesMustMatchThePatternAndBeUnique() {
        // Given duplicate and malformed names
        AssistantInput input = new AssistantInput(null, null, null,
                List.of(new SubagentInput("helper", "d", null, null, null),
                        new SubagentInput("helper", "d", null, null, null),
                        new SubagentInput("Helper", "d", null, null, null),
                        new SubagentInput("a".repeat(41), "d", null, null, null)),
                List.of(new Skill("refunds", "d", "c"), new Skill("refunds", "d", "c"), new Skill("9lives", "d", "c"),
                        new Skill(null, "d", "c")),
                null, null);

        // Then every offender is named
        assertThat(fields(input)).containsExactly("subagents[1].name", "subagents[2].name", "subagents[3].name",
                "skills[1].name", "skills[2].name", "skills[3].name");
    }

    @Test
    void toolsMustBeKnownUniqueAndForSubagentsASubsetOfTheTenants() {
        // Given the tenant limits itself to time_now, a subagent wants calculator, and an unknown tool is named
        AssistantInput input = new AssistantInput(null, null, List.of("time_now", "shell", "time_now"),
                List.of(new SubagentInput("a", "d", null, null, List.of("calculator", "time_now"))), null, null,
                null);

        // Then the unknown, the repeated and the not-permitted tool are reported
        assertThat(fields(input)).containsExactly("tools[1]", "tools[2]", "subagents[0].tools[0]");
    }

    @Test
    void aSubagentMayUseAnyKnownToolWhenTheTenantListsNone() {
        AssistantInput input = new AssistantInput(null, null, null,
                List.of(new SubagentInput("a", "d", null, null, List.of("calculator", "recall"))), null, null, null);
        assertThat(validator.validate(input)).isEmpty();
    }

    @Test
    void textsAreBoundedAndFreeOfControlCharactersExceptLineBreaks() {
        assertThat(fields(new AssistantInput("x".repeat(20_001), null, null, null, null, null, null)))
                .containsExactly("instructions");
        assertThat(fields(new AssistantInput("a\u0000b", null, null, null, null, null, null)))
                .containsExactly("instructions");
        assertThat(errors(new AssistantInput("line\nbreak\tand\r\nmore", null, null, null, null, null, null)))
                .isEmpty();
        assertThat(fields(new AssistantInput(null, null, null, null,
                List.of(new Skill("a", " ", "c"), new Skill("b", "d", "x".repeat(50_001)), new Skill("c", "d", null)),
                null, null))).containsExactly("skills[0].description", "skills[1].content", "skills[2].content");
    }

    @Test
    void limitsOfIterationsAndHistoryAreEnforced() {
        assertThat(fields(new AssistantInput(null, null, null, null, null, 0, 499)))
                .containsExactly("maxToolIterations", "historyTokenBudget");
        assertThat(fields(new AssistantInput(null, null, null, null, null, 51, 1_000_001)))
                .containsExactly("maxToolIterations", "historyTokenBudget");
        assertThat(errors(new AssistantInput(null, null, null, null, null, 1, 500))).isEmpty();
    }

    @Test
    void nullListItemsAreReported() {
        assertThat(fields(new AssistantInput(null, java.util.Arrays.asList((ModelInput) null), null,
                java.util.Arrays.asList((SubagentInput) null), java.util.Arrays.asList((Skill) null), null, null)))
                .containsExactly("models[0]", "subagents[0]", "skills[0]");
    }

    @Test
    void modelInputNeverPrintsItsKey() {
        assertThat(new ModelInput("openai", "gpt", null, "sk-very-secret", null).toString())
                .doesNotContain("sk-very-secret");
        assertThat(new AssistantInput(null, List.of(new ModelInput("openai", "gpt", null, "sk-very-secret", null)),
                null, null, null, null, null).toString()).doesNotContain("sk-very-secret");
    }

    private static ModelInput model(String provider, String model, String baseUrl) {
        return new ModelInput(provider, model, baseUrl, null, null);
    }

    private static AssistantInput modelInput(ModelInput... models) {
        return new AssistantInput(null, java.util.Arrays.asList(models), null, null, null, null, null);
    }

    private List<FieldError> errors(AssistantInput input) {
        return validator.validate(input);
    }

    private List<String> fields(AssistantInput input) {
        return validator.validate(input).stream().map(FieldError::field).toList();
    }
}
