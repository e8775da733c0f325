package ai.aleff.agent.messaging;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.MalformedEventException;

/** Rejects events that decode but cannot be acted on; retrying them cannot help, so they are dead-lettered. */
final class EventChecks {

    private EventChecks() {
    }

    static void require(boolean condition, String problem) {
        if (!condition) {
            throw new MalformedEventException(problem);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The payload must belong to the tenant and conversation its envelope names. */
    static void sameScope(CloudEvent<?> event, String tenantId, String conversationId) {
        require(event.tenantId().equals(tenantId), "Payload tenant differs from the envelope's");
        require(conversationId.equals(event.conversationId()), "Payload conversation differs from the envelope's");
    }
}
