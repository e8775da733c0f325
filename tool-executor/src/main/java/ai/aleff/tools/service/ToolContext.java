package ai.aleff.tools.service;

import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Who a {@link DatabaseTool} runs for, and the transaction it runs in.
 *
 * @param tenantId the calling tenant; every query is scoped by it
 * @param userId the end user whose message started the turn, or null when the channel did not name one
 * @param callId the call, recorded with what the tool writes
 * @param transaction the open transaction that also records the call's outcome
 * @param memoryAllowed whether the worker let this turn use memory ({@code ToolCallRequested#memoryAllowed})
 */
public record ToolContext(String tenantId, String userId, String callId, SqlConnection transaction,
        boolean memoryAllowed) {
}
