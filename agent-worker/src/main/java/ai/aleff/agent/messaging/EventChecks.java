package ai.aleff.agent.messaging;

import ai.aleff.platform.messaging.MalformedEventException;

/**
 * Rejects events that decode but lack what the worker needs; retrying them cannot help, so they are dead-lettered.
 * The tenant and conversation scope is checked by the codec ({@link ai.aleff.platform.messaging.PayloadScope}).
 */
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
}
