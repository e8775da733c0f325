package ai.aleff.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.aleff.bench.faults.PlatformReader.AuditEntry;
import ai.aleff.bench.faults.PlatformReader.Message;

/** Matches the client's deliveries with the conversations and audit trails the platform shows, marker by marker. */
public final class Tally {

    /** The start of agent-worker's reply when the model could not be reached after its attempts. */
    static final String FAILURE_REPLY_PREFIX = "Sorry, I could not reach the language model";
    private static final Pattern MARKER = Pattern.compile("^marker (\\S+)");

    private Tally() {
    }

    public static List<MarkerResult> of(List<Delivery> deliveries, List<Message> messages, List<AuditEntry> audit) {
        Map<String, List<Message>> inboundByMarker = new HashMap<>();
        Map<String, List<Message>> repliesByMessage = new HashMap<>();
        for (Message m : messages) {
            if ("INBOUND".equals(m.direction())) {
                Matcher marker = MARKER.matcher(m.text());
                if (marker.find()) {
                    inboundByMarker.computeIfAbsent(marker.group(1), k -> new ArrayList<>()).add(m);
                }
            } else if (m.inReplyTo() != null) {
                repliesByMessage.computeIfAbsent(m.inReplyTo(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, List<AuditEntry>> auditBySubject = new HashMap<>();
        for (AuditEntry entry : audit) {
            auditBySubject.computeIfAbsent(entry.subjectId(), k -> new ArrayList<>()).add(entry);
        }
        List<MarkerResult> results = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            List<Message> inbound = inboundByMarker.getOrDefault(delivery.marker(), List.of());
            String messageId = delivery.messageId() != null
                    ? delivery.messageId()
                    : inbound.isEmpty() ? null : inbound.getFirst().messageId();
            boolean accepted = delivery.status() == Delivery.Status.ACCEPTED || !inbound.isEmpty();
            List<Message> replies = messageId == null
                    ? List.of()
                    : repliesByMessage.getOrDefault(messageId, List.of())
                            .stream()
                            .sorted(Comparator.comparing(Message::occurredAt))
                            .toList();
            boolean failure = !replies.isEmpty() && replies.getFirst().text().startsWith(FAILURE_REPLY_PREFIX);
            Duration latency = replies.isEmpty()
                    ? null
                    : Duration.between(delivery.firstAttempt(), replies.getFirst().occurredAt());
            boolean auditComplete = messageId != null
                    && auditComplete(messageId, delivery.tool() && !failure, failure, auditBySubject, audit);
            results.add(new MarkerResult(delivery.marker(), delivery.firstAttempt(), accepted, replies.size(),
                    inbound.size(), failure, latency, auditComplete, delivery.lastStatus()));
        }
        return results;
    }

    private static boolean auditComplete(String messageId, boolean toolRan, boolean failed,
            Map<String, List<AuditEntry>> bySubject, List<AuditEntry> all) {
        // Turn ids are the message id: model.called is "<id>:<iteration>", tool calls "<id>:<iteration>:<index>".
        String stepPrefix = messageId + ":";
        boolean accepted = count(bySubject, messageId, "message.accepted") == 1;
        boolean replied = count(bySubject, replyId(messageId), "reply.published") == 1;
        // A turn that could not reach the model records turn.failed (subject: the turn id) instead of model.called.
        boolean modelCalled = failed
                ? count(bySubject, messageId, "turn.failed") == 1
                : all.stream().anyMatch(e -> e.action().equals("model.called") && e.subjectId().startsWith(stepPrefix));
        boolean toolTrail = !toolRan || all.stream()
                .anyMatch(e -> e.action().equals("tool.requested") && e.subjectId().startsWith(stepPrefix))
                && all.stream()
                        .anyMatch(e -> e.action().equals("tool.completed") && e.subjectId().startsWith(stepPrefix));
        return accepted && replied && modelCalled && toolTrail;
    }

    private static long count(Map<String, List<AuditEntry>> bySubject, String subject, String action) {
        return bySubject.getOrDefault(subject, List.of()).stream().filter(e -> e.action().equals(action)).count();
    }

    /** agent-worker's reply id for a turn (TurnIds.replyId): name-based, so the harness can find the record. */
    static String replyId(String messageId) {
        return UUID.nameUUIDFromBytes(("reply:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
