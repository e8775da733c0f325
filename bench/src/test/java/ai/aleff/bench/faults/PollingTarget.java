package ai.aleff.bench.faults;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.testkit.channels.TelegramPollingApi;

/**
 * Users writing to a bot that the platform long-polls: each message becomes an Update queued at the emulated Bot
 * API, where it waits until a {@code getUpdates} with a higher offset confirms it. Nothing can refuse it, so every
 * message is accepted the moment it is queued; whether it is answered is counted at the emulator's sendMessage.
 */
final class PollingTarget implements LoadTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TelegramPollingApi telegram;
    private final String token;

    PollingTarget(TelegramPollingApi telegram, String token) {
        this.telegram = telegram;
        this.token = token;
    }

    @Override
    public CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) {
        long chat = Long.parseLong(attempt.conversationId());
        ObjectNode message = JSON.createObjectNode().put("message_id", TelegramTarget.messageId(attempt.index()));
        message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Bench");
        message.putObject("chat").put("id", chat).put("first_name", "Bench").put("type", "private");
        message.put("date", Instant.now().getEpochSecond()).put("text", attempt.text());
        telegram.sendUpdate(token, message);
        return CompletableFuture.completedFuture(new Answer(200, "", null));
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
