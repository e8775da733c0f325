package ai.aleff.bench.faults;

import java.time.Instant;

/**
 * What became of one message the load client sent, as the client saw it.
 *
 * @param marker the unique marker, also the clientMessageId and part of the text
 * @param tool whether the text asks the model for a tool call
 * @param firstAttempt when the first attempt left the client (latency is measured from here)
 * @param attempts how many POSTs it took (retries after 503 or connection errors reuse the clientMessageId)
 * @param messageId the platform's id from the 202; null unless {@link Status#ACCEPTED}
 * @param lastStatus the last HTTP status, 0 after a connection error or timeout
 */
public record Delivery(String marker, String conversationId, boolean tool, Instant firstAttempt, int attempts,
        Status status, String messageId, int lastStatus) {

    public enum Status {
        /** 202: the platform promised a reply. */
        ACCEPTED,
        /** A status the client must not retry (4xx, 500). */
        REJECTED,
        /** Still 503 or unreachable after the bounded retries. */
        GAVE_UP
    }
}
