package ai.aleff.tools.memory;

import ai.aleff.tools.service.ToolContext;
import ai.aleff.tools.service.ToolException;

/**
 * Whose memory a call works on: its tenant and end user. Memory is never shared across either.
 *
 * @param tenantId the calling tenant
 * @param userId the end user whose message started the turn
 */
record MemoryOwner(String tenantId, String userId) {

    private static final int MAX_USER_ID = 256;

    static MemoryOwner of(ToolContext context) {
        // The worker offers memory only to verified users (or in one-to-one conversations the tenant opened to
        // unverified ones); a call it did not allow, e.g. a tool name the model made up, is refused here too.
        if (!context.memoryAllowed()) {
            throw new ToolException("memory is not available in this conversation: its user is not verified");
        }
        String user = context.userId();
        if (user == null || user.isBlank()) {
            throw new ToolException("memory is kept per user, and this conversation has no user id");
        }
        if (user.length() > MAX_USER_ID || user.chars().anyMatch(Character::isISOControl)) {
            throw new ToolException("memory is not available for this user id");
        }
        return new MemoryOwner(context.tenantId(), user);
    }
}
