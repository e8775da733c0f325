package ai.aleff.bench.faults;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import ai.aleff.testkit.channels.DiscordGatewayServer;

/**
 * Users writing direct messages to a Discord bot connected over the Gateway: each message becomes a MESSAGE_CREATE
 * dispatched by the emulated Gateway ({@link DiscordGatewayServer}) to the bot's session. As Discord does, a dispatch
 * sent while the bot has no working socket (its holder died) is kept and replayed when the session is RESUMEd; one
 * lost on a dying socket is replayed too, after the seq the RESUME names. Nothing can refuse a message, so each is
 * accepted the moment it is dispatched; whether it is answered is counted at the emulated REST API's channel messages
 * (their {@code message_reference}).
 */
final class DiscordGatewayTarget implements LoadTarget {

    private final DiscordGatewayServer gateway;
    private final String botToken;
    private final Map<String, String> messageIds = new ConcurrentHashMap<>();

    DiscordGatewayTarget(DiscordGatewayServer gateway, String botToken) {
        this.gateway = gateway;
        this.botToken = botToken;
    }

    /** The DM channel of a load conversation (a numeric id): a snowflake of its own. */
    static String channel(String conversation) {
        return String.valueOf(1_200_000_000_000_000_000L + Long.parseLong(conversation));
    }

    /** The user writing in a load conversation. */
    static String user(String conversation) {
        return String.valueOf(1_100_000_000_000_000_000L + Long.parseLong(conversation));
    }

    @Override
    public CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) {
        // A retry of the attempt would be a second message at Discord: the load never retries (accepted at once).
        String id = messageIds.computeIfAbsent(attempt.marker(), marker -> gateway.dispatchMessage(botToken,
                channel(attempt.conversationId()), null, user(attempt.conversationId()), false, attempt.text()));
        return CompletableFuture.completedFuture(new Answer(200, id, null));
    }

    /** The Discord message id each marker's message got. */
    Map<String, String> messageIds() {
        return Map.copyOf(messageIds);
    }

    @Override
    public boolean accepted(int status) {
        return status == 200;
    }

    @Override
    public boolean retryable(int status) {
        return false;
    }

    @Override
    public String messageId(String body) {
        return null;
    }
}
