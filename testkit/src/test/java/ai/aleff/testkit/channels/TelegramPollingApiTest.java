package ai.aleff.testkit.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class TelegramPollingApiTest {

    private static final String TOKEN = "123456:AAFtelegrampollingapitest";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSecondLongPollEndsTheWaitingOneWith409AndIsCountedAsAConflict() throws Exception {
        try (TelegramPollingApi telegram = TelegramPollingApi.start()) {
            // Given a poller waiting for updates
            telegram.addBot(TOKEN);
            CompletableFuture<HttpResponse<String>> first = poll(telegram, 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> telegram.calls(TOKEN) == 1);

            // When a second poller arrives while it waits
            CompletableFuture<HttpResponse<String>> second = poll(telegram, 1);

            // Then the first is ended with Telegram's 409 and the overlap is counted
            assertThat(first.get().statusCode()).isEqualTo(409);
            assertThat(first.get().body()).contains("terminated by other getUpdates request");
            assertThat(second.get().statusCode()).isEqualTo(200);
            assertThat(telegram.conflicts(TOKEN)).isEqualTo(1);
        }
    }

    @Test
    void aLongPollWhoseConnectionWasCutIsNoConflictForTheNextPoller() throws Exception {
        try (TelegramPollingApi telegram = TelegramPollingApi.start()) {
            // Given a poller waiting for updates, and then killed: its connection is gone
            telegram.addBot(TOKEN);
            CompletableFuture<HttpResponse<String>> killed = poll(telegram, 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> telegram.calls(TOKEN) == 1);
            telegram.cutWaitingPolls(TOKEN);

            // When its successor polls
            long update = telegram.sendText(TOKEN, 42, "hello");
            HttpResponse<String> successor = poll(telegram, 1).get();

            // Then the successor gets the update and no overlap is counted; the cut poll handed nothing out
            assertThat(successor.statusCode()).isEqualTo(200);
            assertThat(successor.body()).contains("\"update_id\":" + update);
            assertThat(killed.get().body()).isEqualTo("{\"ok\":true,\"result\":[]}");
            assertThat(telegram.conflicts(TOKEN)).isZero();
            assertThat(telegram.handouts(TOKEN)).containsEntry(update, 1);
        }
    }

    @Test
    void otherMethodsAreForwardedToTheSendingSide() throws Exception {
        try (TelegramPollingApi telegram = TelegramPollingApi.start(); TelegramSendApi send = TelegramSendApi.start()) {
            // Given one base URL for polling and sending, as api.telegram.org
            telegram.forwardOtherMethodsTo(send.baseUrl());

            // When a reply is sent through it
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot"
                    + TOKEN + "/sendMessage")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":\"42\",\"text\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then the sending side answered and journaled it
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"ok\":true");
            assertThat(send.sends("42")).extracting(TelegramSendApi.Call::text).containsExactly("hi");
        }
    }

    private static CompletableFuture<HttpResponse<String>> poll(TelegramPollingApi telegram, int timeoutSeconds) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + TOKEN
                + "/getUpdates?timeout=" + timeoutSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
