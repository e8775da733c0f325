package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Telegram bot's webhook as Telegram calls it: one Update per message, with the {@code secret_token} the platform
 * registered in {@code X-Telegram-Bot-Api-Secret-Token}, in private chats (the load's conversations are chat ids).
 * Telegram retries every answer that is not 2xx, and so does this target, with the same update.
 */
final class TelegramTarget implements HttpTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String webhookUrl;
    private final String secretToken;
    private final long firstUpdateId;

    TelegramTarget(String webhookUrl, String secretToken, long firstUpdateId) {
        this.webhookUrl = webhookUrl;
        this.secretToken = secretToken;
        this.firstUpdateId = firstUpdateId;
    }

    /** The Telegram message id of message {@code index}: what the reply must answer ({@code reply_parameters}). */
    static long messageId(int index) {
        return index + 1L;
    }

    @Override
    public HttpRequest request(LoadClient.Attempt attempt) throws IOException {
        long chat = Long.parseLong(attempt.conversationId());
        ObjectNode update = JSON.createObjectNode().put("update_id", firstUpdateId + attempt.index());
        ObjectNode message = update.putObject("message").put("message_id", messageId(attempt.index()));
        message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Bench");
        message.putObject("chat").put("id", chat).put("first_name", "Bench").put("type", "private");
        message.put("date", Instant.now().getEpochSecond()).put("text", attempt.text());
        return HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(LoadClient.REQUEST_TIMEOUT)
                .header("X-Telegram-Bot-Api-Secret-Token", secretToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(update)))
                .build();
    }

    @Override
    public boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean retryable(int status) {
        return !accepted(status);
    }

    @Override
    public String messageId(String body) {
        return null;
    }
}
