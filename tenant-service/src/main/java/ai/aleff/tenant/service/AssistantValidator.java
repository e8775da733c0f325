package ai.aleff.tenant.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.EgressRefusedException;
import ai.aleff.platform.egress.PlatformKeyEndpoints;
import ai.aleff.platform.rest.Problem.FieldError;

/**
 * Checks an {@link AssistantInput} against the limits of the tenant configuration schema
 * ({@code tenant-configuration-changed.schema.json}) and the platform's rules, and reports every violation with its
 * path ({@code subagents[1].models[0].baseUrl}), so an admin fixes a request in one round.
 */
public final class AssistantValidator {

    public static final int MAX_INSTRUCTIONS = 20_000;
    public static final int MAX_MODELS = 5;
    public static final int MAX_SUBAGENTS = 20;
    public static final int MAX_SKILLS = 50;
    public static final int MAX_DESCRIPTION = 1_000;
    public static final int MAX_SKILL_CONTENT = 50_000;
    public static final int MAX_BASE_URL = 2_000;
    public static final int MAX_API_KEY = 1_000;
    public static final int MIN_TOOL_ITERATIONS = 1;
    public static final int MAX_TOOL_ITERATIONS = 50;
    public static final int MIN_HISTORY_TOKENS = 500;
    public static final int MAX_HISTORY_TOKENS = 1_000_000;
    public static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "gemini", "ollama");
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    /** Covers OpenAI, Anthropic, Gemini ({@code models/...}), Ollama ({@code llama3.1:8b}) and Hugging Face names. */
    static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");
    /** Printable, without spaces: no real key has any, and a stray newline would break the HTTP header it goes in. */
    static final Pattern API_KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_API_KEY + "}");

    private final Set<String> knownTools;
    private final EgressGuard egress;
    private final PlatformKeyEndpoints platformKeyEndpoints;
    private final TranscriptionRules transcription;

    /**
     * @param egress checks every baseUrl as the worker will before connecting (without DNS here: the address is
     *        checked again at every call)
     * @param platformKeyEndpoints where the platform's key may go; another baseUrl needs the tenant's own key
     */
    public AssistantValidator(Set<String> knownTools, EgressGuard egress, PlatformKeyEndpoints platformKeyEndpoints) {
        this.knownTools = Set.copyOf(knownTools);
        this.egress = egress;
        this.platformKeyEndpoints = platformKeyEndpoints;
        this.transcription = new TranscriptionRules(egress);
    }

    /** Every violation; empty when the input is valid. */
    public List<FieldError> validate(AssistantInput input) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "instructions", input.instructions(), MAX_INSTRUCTIONS, false);
        models(errors, "models", input.models());
        List<String> tenantTools = input.tools() == null ? List.of() : input.tools();
        tools(errors, "tools", input.tools(), Set.of());
        subagents(errors, input.subagents(), Set.copyOf(tenantTools.stream().filter(t -> t != null).toList()));
        skills(errors, input.skills());
        range(errors, "maxToolIterations", input.maxToolIterations(), MIN_TOOL_ITERATIONS, MAX_TOOL_ITERATIONS);
        range(errors, "historyTokenBudget", input.historyTokenBudget(), MIN_HISTORY_TOKENS, MAX_HISTORY_TOKENS);
        errors.addAll(transcription.validate(input.transcription()));
        return errors;
    }

    private void models(List<FieldError> errors, String path, List<ModelInput> models) {
        if (models == null) {
            return;
        }
        if (models.size() > MAX_MODELS) {
            errors.add(new FieldError(path, "at most " + MAX_MODELS + " models"));
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            String at = path + "[" + i + "]";
            ModelInput model = models.get(i);
            if (model == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (model.provider() == null || !PROVIDERS.contains(model.provider())) {
                errors.add(new FieldError(at + ".provider", "must be one of anthropic, gemini, ollama, openai"));
            }
            if (model.model() == null || !MODEL.matcher(model.model()).matches()) {
                errors.add(new FieldError(at + ".model",
                        "must be 1 to 200 characters: letters, digits and . _ : / @ + - (not starting with a symbol)"));
            }
            if (model.baseUrl() != null) {
                String problem = baseUrlProblem(model.baseUrl());
                if (problem == null) {
                    problem = egressProblem(model.baseUrl());
                }
                if (problem != null) {
                    errors.add(new FieldError(at + ".baseUrl", problem));
                } else if (model.apiKey() == null && !model.keepsStoredKey() && !"ollama".equals(model.provider())
                        && !platformKeyEndpoints.allows(model.provider(), model.baseUrl())) {
                    errors.add(new FieldError(at + ".apiKey", "is required with this baseUrl: the platform's key is"
                            + " sent only to the provider's own endpoint"));
                }
            }
            if (model.apiKey() != null && model.keepsStoredKey()) {
                errors.add(new FieldError(at + ".apiKey", "send either apiKey or keepApiKey: true, not both"));
            } else if (model.apiKey() != null && !API_KEY.matcher(model.apiKey()).matches()) {
                errors.add(new FieldError(at + ".apiKey",
                        "must be 1 to " + MAX_API_KEY + " printable ASCII characters without spaces"));
            }
        }
    }

    /** Null when the URL is an absolute http(s) URL with a host and without credentials or fragment. */
    static String baseUrlProblem(String value) {
        if (value.length() > MAX_BASE_URL) {
            return "must be at most " + MAX_BASE_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            return "must be an absolute http or https URL";
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return "must not contain credentials (user info); send the key as apiKey";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must name a host";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        return null;
    }

    private String egressProblem(String baseUrl) {
        try {
            egress.checkUrl(baseUrl);
            return null;
        } catch (EgressRefusedException e) {
            return e.getMessage().replaceFirst("^URL refused: ", "is refused: ");
        }
    }

    /** Each tool known and named once; with {@code allowed} non-empty, also one of those. */
    private void tools(List<FieldError> errors, String path, List<String> tools, Set<String> allowed) {
        if (tools == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String at = path + "[" + i + "]";
            String tool = tools.get(i);
            if (tool == null || !knownTools.contains(tool)) {
                errors.add(new FieldError(at, "must be one of the platform tools " + sorted(knownTools)));
            } else if (!seen.add(tool)) {
                errors.add(new FieldError(at, "is listed twice"));
            } else if (!allowed.isEmpty() && !allowed.contains(tool)) {
                errors.add(new FieldError(at, "must be one of the tenant's tools " + sorted(allowed)));
            }
        }
    }

    private void subagents(List<FieldError> errors, List<SubagentInput> subagents, Set<String> tenantTools) {
        if (subagents == null) {
            return;
        }
        if (subagents.size() > MAX_SUBAGENTS) {
            errors.add(new FieldError("subagents", "at most " + MAX_SUBAGENTS + " subagents"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < subagents.size(); i++) {
            String at = "subagents[" + i + "]";
            SubagentInput subagent = subagents.get(i);
            if (subagent == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            name(errors, at + ".name", subagent.name(), names);
            text(errors, at + ".description", subagent.description(), MAX_DESCRIPTION, true);
            text(errors, at + ".instructions", subagent.instructions(), MAX_INSTRUCTIONS, false);
            models(errors, at + ".models", subagent.models());
            tools(errors, at + ".tools", subagent.tools(), tenantTools);
        }
    }

    private void skills(List<FieldError> errors, List<AssistantConfiguration.Skill> skills) {
        if (skills == null) {
            return;
        }
        if (skills.size() > MAX_SKILLS) {
            errors.add(new FieldError("skills", "at most " + MAX_SKILLS + " skills"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < skills.size(); i++) {
            String at = "skills[" + i + "]";
            AssistantConfiguration.Skill skill = skills.get(i);
            if (skill == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            name(errors, at + ".name", skill.name(), names);
            text(errors, at + ".description", skill.description(), MAX_DESCRIPTION, true);
            text(errors, at + ".content", skill.content(), MAX_SKILL_CONTENT, true);
        }
    }

    private static void name(List<FieldError> errors, String path, String name, Set<String> seen) {
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(path,
                    "must start with a lower-case letter, then up to 39 of a-z 0-9 _ - (^[a-z][a-z0-9_-]{0,39}$)"));
        } else if (!seen.add(name)) {
            errors.add(new FieldError(path, "'" + name + "' is used twice"));
        }
    }

    /**
     * Free text may hold line breaks and tabs but no other control characters: NUL above all, which PostgreSQL
     * cannot store.
     */
    private static void text(List<FieldError> errors, String path, String value, int max, boolean required) {
        if (value == null || (required && value.isBlank())) {
            if (required) {
                errors.add(new FieldError(path, "must not be blank"));
            }
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError(path, "must not contain control characters other than line breaks and tabs"));
        }
    }

    private static void range(List<FieldError> errors, String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(path, "must be between " + min + " and " + max));
        }
    }

    private static Set<String> sorted(Set<String> names) {
        return new LinkedHashSet<>(names.stream().sorted().toList());
    }
}
