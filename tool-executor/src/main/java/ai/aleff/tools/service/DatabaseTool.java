package ai.aleff.tools.service;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * A tool whose effect is a change in PostgreSQL. It runs inside the transaction that also records the call's outcome
 * under its idempotency key, so its writes commit exactly once, together with that outcome, however often the
 * request is delivered.
 */
public non-sealed interface DatabaseTool extends ToolDefinition {

    /**
     * Runs the tool. Must not block: it is called on the database client's event loop.
     *
     * @param context who called and the open transaction to work in
     * @param arguments the call's arguments, always a JSON object
     * @return the result text the model receives; a {@link ToolException} failure rolls the transaction back and
     *         becomes an error outcome, any other failure is retried or dead-lettered
     */
    Uni<String> execute(ToolContext context, JsonNode arguments);
}
