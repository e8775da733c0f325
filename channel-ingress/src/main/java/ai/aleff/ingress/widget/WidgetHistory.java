package ai.aleff.ingress.widget;

import java.util.List;

/**
 * The visitor's conversation so far, oldest first.
 *
 * @param lastEventId the event id of the latest reply (open the stream after it); "0" before the first reply
 */
public record WidgetHistory(String conversationId, List<WidgetMessage> messages, String lastEventId) {
}
