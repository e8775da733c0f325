package ai.aleff.agent.model;

import java.util.List;

/** Every model of the chain failed or was cooling down; the message lists why, per model, without secrets. */
public class ModelChainExhaustedException extends RuntimeException {

    private final List<String> failures;

    public ModelChainExhaustedException(List<String> failures) {
        super("every model failed: " + String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }
}
