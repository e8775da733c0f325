package ai.aleff.testkit.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One event of a {@code text/event-stream} as a test received it, and the parser for what a stream delivered so far
 * (the HTML standard's field rules: {@code field:value} with one optional space after the colon, several
 * {@code data} lines joined by a line feed, comment lines such as keep-alives ignored).
 *
 * @param id the {@code id} field; null without one
 * @param event the {@code event} field; {@code "message"} without one
 * @param data the data; empty without any
 */
public record ServerSentEvent(String id, String event, String data) {

    /**
     * The complete events of the text received so far, in order; a block the stream has not ended with a blank
     * line yet is left out (its last line may still be arriving). Blocks with neither data nor id (a comment) are
     * left out too.
     */
    public static List<ServerSentEvent> parse(CharSequence stream) {
        String text = stream.toString().replace("\r\n", "\n");
        int end = text.lastIndexOf("\n\n");
        List<ServerSentEvent> events = new ArrayList<>();
        if (end < 0) {
            return events;
        }
        for (String block : text.substring(0, end).split("\n\n")) {
            String id = null;
            String event = "message";
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue; // a comment (":keep-alive") or a field without value
                }
                String field = line.substring(0, colon);
                String value = line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field) {
                    case "id" -> id = value.trim();
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry and unknown fields: nothing a test reads
                    }
                }
            }
            if (id != null || data != null) {
                events.add(new ServerSentEvent(id, event, data == null ? "" : data.toString()));
            }
        }
        return events;
    }

    /** The complete events of this name (e.g. {@code "reply"}) that carry an id and data. */
    public static List<ServerSentEvent> named(CharSequence stream, String event) {
        return parse(stream).stream()
                .filter(e -> e.event.equals(event) && e.id != null && !e.data.isEmpty())
                .toList();
    }
}
