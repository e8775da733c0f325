package ai.aleff.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.bench.faults.PlatformReader.AuditEntry;
import ai.aleff.bench.faults.PlatformReader.Message;

class TallyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aMessageWithOneReplyAndItsFullTrailCountsAsAnsweredOnce() {
        // Given an accepted message, its reply and the four audit records of a plain turn
        Delivery delivery = accepted("m-1", "id-1", false);
        List<Message> messages = List.of(inbound("id-1", "marker m-1 hello"), reply("r-1", "id-1", "Noted.", 2));

        // When tallied
        MarkerResult result = Tally.of(List.of(delivery), messages, trail("id-1", false)).getFirst();

        // Then it is answered once, in two seconds, with a complete trail
        assertThat(result.lost()).isFalse();
        assertThat(result.duplicates()).isZero();
        assertThat(result.answered()).isTrue();
        assertThat(result.latency()).hasSeconds(2);
        assertThat(result.auditComplete()).isTrue();
    }

    @Test
    void anAcceptedMessageWithoutAReplyIsLost() {
        MarkerResult result = Tally.of(List.of(accepted("m-1", "id-1", false)),
                List.of(inbound("id-1", "marker m-1 hello")), List.of()).getFirst();

        assertThat(result.lost()).isTrue();
        assertThat(result.auditComplete()).isFalse();
    }

    @Test
    void twoRepliesOrTwoCopiesOfTheMessageAreDuplicates() {
        // Given one marker stored twice (two message ids) and the first one answered twice
        List<Message> messages = List.of(inbound("id-1", "marker m-1 hello"), inbound("id-2", "marker m-1 hello"),
                reply("r-1", "id-1", "Noted.", 1), reply("r-2", "id-1", "Noted.", 2));

        MarkerResult result = Tally.of(List.of(accepted("m-1", "id-1", false)), messages, trail("id-1", false))
                .getFirst();

        assertThat(result.duplicates()).isEqualTo(2);
    }

    @Test
    void aFailureReplyCountsAsAReplyButNotAsAnAnswerAndNeedsNoToolTrail() {
        List<Message> messages = List.of(inbound("id-1", "marker m-1 [tool] what is 6*7?"),
                reply("r-1", "id-1", Tally.FAILURE_REPLY_PREFIX + " just now.", 5));

        List<AuditEntry> failedTrail = List.of(new AuditEntry("a1", "message.accepted", "id-1"),
                new AuditEntry("a2", "turn.failed", "id-1"),
                new AuditEntry("a3", "reply.published", Tally.replyId("id-1")));

        MarkerResult result = Tally.of(List.of(accepted("m-1", "id-1", true)), messages, failedTrail).getFirst();

        assertThat(result.lost()).isFalse();
        assertThat(result.failureReply()).isTrue();
        assertThat(result.answered()).isFalse();
        assertThat(result.auditComplete()).isTrue();
    }

    @Test
    void aToolTurnWithoutToolRecordsHasAnIncompleteTrail() {
        List<Message> messages = List.of(inbound("id-1", "marker m-1 [tool] what is 6*7?"),
                reply("r-1", "id-1", "Noted (42).", 1));

        assertThat(Tally.of(List.of(accepted("m-1", "id-1", true)), messages, trail("id-1", false))
                .getFirst()
                .auditComplete()).isFalse();
        assertThat(Tally.of(List.of(accepted("m-1", "id-1", true)), messages, trail("id-1", true))
                .getFirst()
                .auditComplete()).isTrue();
    }

    @Test
    void aMessageTheClientGaveUpOnButThePlatformStoredIsAcceptedAndMatchedByItsMarker() {
        // Given the client never saw the 202 (a timeout), but the platform has the message and its reply
        Delivery gaveUp = new Delivery("m-1", "c", false, T0, 3, Delivery.Status.GAVE_UP, null, 0);
        List<Message> messages = List.of(inbound("id-9", "marker m-1 hello"), reply("r-1", "id-9", "Noted.", 1));

        MarkerResult result = Tally.of(List.of(gaveUp), messages, trail("id-9", false)).getFirst();

        assertThat(result.accepted()).isTrue();
        assertThat(result.replies()).isEqualTo(1);
    }

    @Test
    void aMessageNeverAcceptedIsNeitherLostNorAnswered() {
        Delivery refused = new Delivery("m-1", "c", false, T0, 1, Delivery.Status.REJECTED, null, 400);

        MarkerResult result = Tally.of(List.of(refused), List.of(), List.of()).getFirst();

        assertThat(result.accepted()).isFalse();
        assertThat(result.lost()).isFalse();
    }

    private static Delivery accepted(String marker, String messageId, boolean tool) {
        return new Delivery(marker, "c", tool, T0, 1, Delivery.Status.ACCEPTED, messageId, 202);
    }

    private static Message inbound(String id, String text) {
        return new Message(id, "INBOUND", text, null, T0);
    }

    private static Message reply(String id, String inReplyTo, String text, int afterSeconds) {
        return new Message(id, "OUTBOUND", text, inReplyTo, T0.plusSeconds(afterSeconds));
    }

    private static List<AuditEntry> trail(String messageId, boolean tool) {
        List<AuditEntry> trail = new ArrayList<>(List.of(new AuditEntry("a1", "message.accepted", messageId),
                new AuditEntry("a2", "model.called", messageId + ":0"),
                new AuditEntry("a3", "reply.published", Tally.replyId(messageId))));
        if (tool) {
            trail.add(new AuditEntry("a4", "tool.requested", messageId + ":0:0"));
            trail.add(new AuditEntry("a5", "tool.completed", messageId + ":0:0"));
        }
        return trail;
    }
}
