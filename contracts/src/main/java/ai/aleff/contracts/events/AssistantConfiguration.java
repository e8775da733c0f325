package ai.aleff.contracts.events;

import java.util.List;

/**
 * What a tenant has set for its assistant, carried inside {@link TenantConfigurationChanged}. Every field may be
 * absent (null or empty), meaning "use the platform default". API keys travel only encrypted
 * ({@link EncryptedSecret}); the plain text exists in tenant-service's request handling and in the worker's memory
 * while calling the model, never on a topic, in a table or in a log.
 *
 * @param version increases with every change of the assistant configuration (tenant-service keeps every version)
 * @param instructions the system instructions every turn starts with
 * @param models failover chain, first choice first; empty means the platform's chain
 * @param tools names of the platform tools the assistant may call; empty means every platform tool
 * @param subagents assistants the main agent may delegate to, each exposed to the model as a tool
 * @param skills instruction packs the agent may load when it decides to use them
 * @param maxToolIterations model calls per turn at most; null means the platform default
 * @param historyTokenBudget estimated tokens of history sent to the model at most; null means the platform
 *        default
 * @param transcription the speech-to-text model voice notes are transcribed with; null (and absent in records
 *        published before it existed) means voice notes are not enabled
 */
public record AssistantConfiguration(long version, String instructions, List<ModelChoice> models,
        List<String> tools, List<Subagent> subagents, List<Skill> skills, Integer maxToolIterations,
        Integer historyTokenBudget, Transcription transcription) {

    /** A configuration without transcription (voice notes not enabled). */
    public AssistantConfiguration(long version, String instructions, List<ModelChoice> models, List<String> tools,
            List<Subagent> subagents, List<Skill> skills, Integer maxToolIterations, Integer historyTokenBudget) {
        this(version, instructions, models, tools, subagents, skills, maxToolIterations, historyTokenBudget, null);
    }

    /** The platform's defaults: nothing set. */
    public static AssistantConfiguration platformDefaults() {
        return new AssistantConfiguration(0, null, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    /**
     * An OpenAI-compatible speech-to-text endpoint: voice notes are posted (multipart) to
     * {@code <baseUrl>/audio/transcriptions} with {@code model}.
     *
     * @param baseUrl e.g. {@code https://api.openai.com/v1}; checked by the egress guard like a model's baseUrl
     * @param model the endpoint's model name, e.g. {@code whisper-1}
     * @param apiKey the tenant's key for it, encrypted at {@code SecretPlace.transcription}; null sends no
     *        {@code Authorization} header (a self-hosted server without one)
     */
    public record Transcription(String baseUrl, String model, EncryptedSecret apiKey) {
    }

    /**
     * One model of a failover chain.
     *
     * @param provider {@code openai} (and OpenAI-compatible endpoints), {@code anthropic}, {@code gemini} or
     *        {@code ollama}
     * @param model the provider's model name
     * @param baseUrl endpoint override, e.g. a vLLM server; null means the provider's public endpoint
     * @param apiKey the tenant's own key (bring your own key), encrypted; null means the platform's key
     */
    public record ModelChoice(String provider, String model, String baseUrl, EncryptedSecret apiKey) {
    }

    /**
     * A secret encrypted with the platform's secret key: AES-256-GCM. In {@link #BOUND} format the associated data
     * binds it to its tenant, its place (the entry holding it, e.g. one model of one chain) and {@code keyId}, so a
     * ciphertext copied to another tenant or another entry, or relabelled with another key id, does not decrypt.
     * Secrets stored before that format ({@code format} absent) had the tenant id alone as associated data; they
     * stay readable until the platform's re-encryption pass has rewritten them (docs/security.md, "Secret keys and
     * rotation").
     *
     * @param keyId which platform key encrypted it (keys rotate; old ones stay readable)
     * @param ciphertext base64 of the 12-byte nonce followed by the ciphertext and 16-byte tag
     * @param hint the last four characters of the plain text, to recognise a key without revealing it
     * @param format {@link #BOUND}; absent (null) for a secret stored before it, bound to its tenant only
     */
    public record EncryptedSecret(String keyId, String ciphertext, String hint, Integer format) {

        /** Bound to tenant, place and key id. */
        public static final int BOUND = 2;

        /** Whether this secret is in the format that binds it to its place, rather than the tenant-only one. */
        public boolean bound() {
            return format != null && format == BOUND;
        }
    }

    /**
     * An assistant the main agent may delegate a task to; the model sees it as a tool named
     * {@code agent_<name>}.
     *
     * @param name lower-case name, unique within the tenant
     * @param description what it is good for, shown to the main agent's model
     * @param instructions its own system instructions
     * @param models its own chain; empty means the tenant's chain
     * @param tools the platform tools it may call (a subset of the tenant's)
     */
    public record Subagent(String name, String description, String instructions, List<ModelChoice> models,
            List<String> tools) {
    }

    /**
     * A named instruction pack (Markdown). The agent sees every enabled skill's description and loads the full
     * content when it decides to use one.
     *
     * @param name lower-case name, unique within the tenant
     * @param description one or two sentences: when to use it
     * @param content the Markdown instructions
     */
    public record Skill(String name, String description, String content) {
    }
}
