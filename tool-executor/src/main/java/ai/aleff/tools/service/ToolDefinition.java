package ai.aleff.tools.service;

import ai.aleff.contracts.tools.ToolContract;

/**
 * A tool the model can call, by name. Either a {@link Tool} (pure computation, run on a virtual thread) or a
 * {@link DatabaseTool} (its effect is a database change, run in the transaction that records the call's outcome).
 */
public sealed interface ToolDefinition permits Tool, DatabaseTool {

    /**
     * The contract this tool implements: one of {@code BuiltinTools}, where its name, description and arguments
     * are defined for every service.
     */
    ToolContract contract();

    /** The name the model calls the tool by, e.g. {@code calculator}. */
    default String name() {
        return contract().name();
    }
}
