package ai.aleff.agent.model;

import java.util.Locale;

/** The model providers the worker can talk to through LangChain4j. */
public enum ProviderKind {
    /** OpenAI chat completions and every OpenAI-compatible endpoint. */
    OPENAI,
    /** Anthropic Messages API. */
    ANTHROPIC,
    /** Google Gemini generateContent (Google AI, API key). */
    GEMINI,
    /** Ollama's /api/chat. */
    OLLAMA,
    /** The built-in provider used when nothing is configured. */
    OFFLINE;

    /** The lower-case name used in usage events, audit details and configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
