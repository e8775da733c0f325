package ai.aleff.platform.messaging;

/** Kafka did not acknowledge an event in time: nothing may be reported as accepted. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
