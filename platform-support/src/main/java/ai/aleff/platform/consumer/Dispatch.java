package ai.aleff.platform.consumer;

import java.util.Objects;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * One record's work for the {@link ConsumerDispatcher}.
 *
 * @param tenantId whose capacity share the work uses
 * @param lane work of one lane runs one at a time in arrival order (e.g. a conversation); null = no order needed
 * @param description where the record is, for log lines
 * @param work the idempotent work; retried by the dispatcher's {@link RetryPolicy}
 */
public record Dispatch(String tenantId, String lane, String description, Supplier<Uni<Void>> work) {

    public Dispatch {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(work, "work");
    }

    /** Work that must run after the earlier work of the same conversation. */
    public static Dispatch inConversation(String tenantId, String conversationId, String description,
            Supplier<Uni<Void>> work) {
        return new Dispatch(tenantId, tenantId + '/' + conversationId, description, work);
    }

    /** The conversation of a {@link #inConversation} dispatch (for the logging MDC), or null. */
    public String conversationId() {
        String prefix = tenantId + '/';
        return lane != null && lane.startsWith(prefix) ? lane.substring(prefix.length()) : null;
    }

    /** Work that may run in parallel with any other. */
    public static Dispatch unordered(String tenantId, String description, Supplier<Uni<Void>> work) {
        return new Dispatch(tenantId, null, description, work);
    }
}
