package ai.aleff.e2e.noisy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenant's conversations as its client does and checks that every message it sent got exactly one reply:
 * none lost, none doubled, no reply to a message it did not send and no message stored that it was refused.
 */
final class ReplyAudit {

    // The noisy tenant's backlog drains under its model-call cap; a busy machine slows that further.
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final MessageClient client;

    ReplyAudit(MessageClient client) {
        this.client = client;
    }

    /** What is wrong, per message or conversation; all empty when every message has exactly one reply. */
    record Findings(List<String> unanswered, List<String> answeredMoreThanOnce, List<String> unexpectedMessages,
            List<String> strayReplies, int replies) {
    }

    /**
     * Waits until each message of {@code sent} (conversation to message ids, each conversation's last one a marker
     * sent after the load, so the conversation's earlier turns are done when it is answered) has a reply, then
     * checks the conversations.
     */
    Findings check(LoadTenant tenant, Map<String, List<String>> sent) {
        Map<String, List<Map<String, String>>> views = new HashMap<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            sent.forEach((conversation, ids) -> views.put(conversation, client.messages(tenant, conversation)));
            return sent.entrySet().stream().allMatch(entry -> answered(views.get(entry.getKey()))
                    .containsAll(entry.getValue()));
        });
        List<String> unanswered = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> stray = new ArrayList<>();
        int replies = 0;
        for (Map.Entry<String, List<String>> entry : sent.entrySet()) {
            Set<String> expected = new HashSet<>(entry.getValue());
            Map<String, Set<String>> replyIds = new HashMap<>();
            for (Map<String, String> message : views.get(entry.getKey())) {
                if ("INBOUND".equals(message.get("direction"))) {
                    if (!expected.contains(message.get("messageId"))) {
                        unexpected.add(entry.getKey() + "/" + message.get("messageId"));
                    }
                } else {
                    replies++;
                    replyIds.computeIfAbsent(message.get("inReplyTo"), id -> new HashSet<>())
                            .add(message.get("messageId"));
                    if (!expected.contains(message.get("inReplyTo"))) {
                        stray.add(entry.getKey() + "/" + message.get("messageId"));
                    }
                }
            }
            for (String id : expected) {
                int count = replyIds.getOrDefault(id, Set.of()).size();
                if (count == 0) {
                    unanswered.add(entry.getKey() + "/" + id);
                } else if (count > 1) {
                    doubled.add(entry.getKey() + "/" + id + " x" + count);
                }
            }
        }
        return new Findings(unanswered, doubled, unexpected, stray, replies);
    }

    private static Set<String> answered(List<Map<String, String>> view) {
        Set<String> ids = new HashSet<>();
        view.stream().filter(message -> "OUTBOUND".equals(message.get("direction")))
                .forEach(message -> ids.add(message.get("inReplyTo")));
        return ids;
    }
}
