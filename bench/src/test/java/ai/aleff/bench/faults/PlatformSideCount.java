package ai.aleff.bench.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/**
 * The platform's replies as the emulated channel received them: each marker's reply count becomes the number of sends
 * answering its message there, so a reply the platform produced but never delivered counts as lost and one delivered
 * twice as duplicated.
 */
final class PlatformSideCount {

    /** The marker the emulated model quotes in its answer ({@link ModelEmulator#answer}). */
    private static final Pattern QUOTED_MARKER = Pattern.compile("re marker (\\S+?)\\)");

    private PlatformSideCount() {
    }

    /** sendMessage calls answering each marker's Telegram message ({@code reply_parameters.message_id}). */
    static List<MarkerResult> telegram(TelegramSendApi telegram, List<MarkerResult> results, List<String> chats,
            String markerPrefix) {
        Map<Long, Integer> sendsByRepliedMessage = new HashMap<>();
        for (String chat : chats) {
            for (TelegramSendApi.Call call : telegram.sends(chat)) {
                sendsByRepliedMessage.merge(call.body().path("reply_parameters").path("message_id").asLong(-1), 1,
                        Integer::sum);
            }
        }
        return results.stream().map(r -> {
            int index = Integer.parseInt(r.marker().substring(markerPrefix.length() + 1));
            return withReplies(r, sendsByRepliedMessage.getOrDefault(TelegramTarget.messageId(index), 0));
        }).toList();
    }

    /** Text messages to the Graph API's {@code /messages} quoting each marker's wamid ({@code context.message_id}). */
    static List<MarkerResult> whatsApp(WhatsAppGraphApi graph, List<MarkerResult> results, List<String> users) {
        Map<String, Integer> sendsByQuotedMessage = new HashMap<>();
        for (String user : users) {
            for (WhatsAppGraphApi.Call call : graph.messages(user)) {
                String quoted = call.contextMessageId();
                sendsByQuotedMessage.merge(quoted == null ? "" : quoted, 1, Integer::sum);
            }
        }
        return results.stream()
                .map(r -> withReplies(r, sendsByQuotedMessage.getOrDefault(WhatsAppTarget.wamid(r.marker()), 0)))
                .toList();
    }

    /**
     * chat.postMessage calls in each user's DM answering each marker's message. Slack's post names the channel, not
     * the message answered (a DM reply is not threaded), so the answer's text does: the emulated model quotes the
     * marker of the message it answers.
     */
    static List<MarkerResult> slack(SlackWebApi slack, List<MarkerResult> results, List<String> channels) {
        Map<String, Integer> postsByQuotedMarker = new HashMap<>();
        for (String channel : channels) {
            for (SlackWebApi.Call call : slack.posts(channel)) {
                Matcher quoted = QUOTED_MARKER.matcher(call.text());
                postsByQuotedMarker.merge(quoted.find() ? quoted.group(1) : "", 1, Integer::sum);
            }
        }
        return results.stream().map(r -> withReplies(r, postsByQuotedMarker.getOrDefault(r.marker(), 0))).toList();
    }

    /**
     * Channel messages in each user's DM channel answering each marker's message: the first part of a reply to a
     * Gateway message references it ({@code message_reference.message_id}).
     */
    static List<MarkerResult> discord(DiscordApi discord, List<MarkerResult> results, List<String> channels,
            Map<String, String> messageIds) {
        Map<String, Integer> postsByReferencedMessage = new HashMap<>();
        for (String channel : channels) {
            for (DiscordApi.Call call : discord.calls("/channels/" + channel + "/messages")) {
                String referenced = call.body().path("message_reference").path("message_id").asText("");
                if (!referenced.isEmpty()) {
                    postsByReferencedMessage.merge(referenced, 1, Integer::sum);
                }
            }
        }
        return results.stream().map(r -> withReplies(r,
                postsByReferencedMessage.getOrDefault(messageIds.getOrDefault(r.marker(), "?"), 0))).toList();
    }

    private static MarkerResult withReplies(MarkerResult r, int sends) {
        return new MarkerResult(r.marker(), r.sentAt(), r.accepted(), sends, r.inboundCopies(), r.failureReply(),
                r.latency(), r.auditComplete(), r.lastStatus());
    }
}
