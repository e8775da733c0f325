package ai.aleff.ingress.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Telegram's {@code getUpdates} over the JDK HTTP client, blocking: called only from the poll loops' virtual threads.
 * The base URL is an operator setting, never tenant input. The bot token is part of the URL path, so neither the URL
 * nor a client exception message carrying it is ever logged or rethrown (messages are scrubbed).
 */
@ApplicationScoped
public class TelegramGetUpdates {

    private final String baseUrl;
    private final TelegramPollingSettings settings;
    private final ObjectMapper json;
    private final HttpClient client;

    public TelegramGetUpdates(
            @ConfigProperty(name = "aleff.channels.telegram.api-base-url", defaultValue = "https://api.telegram.org") String baseUrl,
            TelegramPollingSettings settings, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * One long poll from {@code offset}. Interrupting the calling thread cancels the request.
     *
     * @throws IOException on a network error or timeout (the message never contains the token)
     */
    GetUpdatesOutcome getUpdates(String token, long offset) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("offset", offset);
        body.put("timeout", settings.timeout().toSeconds());
        body.put("limit", Math.max(1, Math.min(100, settings.limit())));
        settings.allowedUpdates().forEach(body.putArray("allowed_updates")::add);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + token + "/getUpdates"))
                .timeout(settings.timeout().plus(settings.requestTimeoutMargin()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(scrub(e.getCause() == null ? e.toString() : e.getCause().toString(), token));
        }
        return outcome(response.statusCode(), response.body(), token);
    }

    private GetUpdatesOutcome outcome(int status, byte[] raw, String token) {
        JsonNode answer;
        try {
            answer = json.readTree(raw);
        } catch (IOException e) {
            return new GetUpdatesOutcome.Failed(status, "unreadable answer");
        }
        if (answer == null || !answer.isObject()) {
            return new GetUpdatesOutcome.Failed(status, "unreadable answer");
        }
        String description = scrub(answer.path("description").asText(""), token);
        if (status == 200 && answer.path("ok").asBoolean(false) && answer.path("result").isArray()) {
            List<JsonNode> updates = new ArrayList<>();
            answer.get("result").forEach(updates::add);
            return new GetUpdatesOutcome.Updates(updates);
        }
        return switch (status) {
            case 409 -> new GetUpdatesOutcome.Conflict(description.contains("webhook"), description);
            case 429 -> new GetUpdatesOutcome.RetryAfter(
                    Duration.ofSeconds(Math.max(1, answer.path("parameters").path("retry_after").asLong(5))));
            case 401, 404 -> new GetUpdatesOutcome.Unauthorized(status, description);
            default -> new GetUpdatesOutcome.Failed(status, description);
        };
    }

    private static String scrub(String text, String token) {
        return token.isEmpty() ? text : text.replace(token, "<token>");
    }
}
