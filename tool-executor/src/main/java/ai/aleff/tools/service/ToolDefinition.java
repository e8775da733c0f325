package ai.aleff.tools.service;

/**
 * A tool the model can call, by name. Either a {@link Tool} (pure computation, run on a virtual thread) or a
 * {@link DatabaseTool} (its effect is a database change, run in the transaction that records the call's outcome).
 */
public sealed interface ToolDefinition permits Tool, DatabaseTool {

    /** The name the model calls the tool by, e.g. {@code calculator}. */
    String name();

    /** What the tool does, for the model. */
    String description();
}
