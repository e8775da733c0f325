package ai.aleff.bench.faults;

/** How the emulated model provider answers right now. */
public enum ModelMode {
    /** Answers at once, in the documented chat-completions format. */
    NORMAL,
    /** 500 Internal Server Error on every call. */
    SERVER_ERRORS,
    /** 429 Too Many Requests with a Retry-After header on every call. */
    RATE_LIMITED,
    /** Answers only after a delay longer than the worker's model timeout. */
    SLOW
}
