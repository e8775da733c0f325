package ai.aleff.platform.messaging;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where a payload says it belongs: {@link CloudEventCodec#decode(org.apache.kafka.clients.consumer.ConsumerRecord,
 * Class, PayloadScope)} requires the payload's tenant (and conversation, when the scope names one) to be present and
 * equal to the envelope's {@code tenantid} / {@code conversationid} attributes, and the record key to be the one those
 * attributes give. Otherwise one tenant's data could be acted on under another tenant's name.
 *
 * @param tenant the payload's tenant id
 * @param conversation the payload's conversation id, or null for tenant-level events
 */
public record PayloadScope<T>(Function<T, String> tenant, Function<T, String> conversation) {

    public PayloadScope {
        Objects.requireNonNull(tenant, "tenant");
    }

    /** A tenant-level event: only the tenant is checked. */
    public static <T> PayloadScope<T> tenant(Function<T, String> tenant) {
        return new PayloadScope<>(tenant, null);
    }

    /** A conversation event: tenant and conversation are checked. */
    public static <T> PayloadScope<T> conversation(Function<T, String> tenant, Function<T, String> conversation) {
        return new PayloadScope<>(tenant, Objects.requireNonNull(conversation, "conversation"));
    }
}
