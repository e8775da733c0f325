package ai.aleff.e2e.noisy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/**
 * Sends messages to ingress and reads conversations as an integrator does, with the JDK's HTTP client (HTTP/1.1, one
 * pooled connection per concurrent request). Each tenant's load has a client of its own, so the noisy tenant's
 * requests never queue the quiet tenant's inside the test.
 */
final class MessageClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ingress;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    MessageClient(LocalPlatform platform) {
        this.ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
    }

    /** The answer to a POST /v1/messages: its status and, when accepted (202), the message's id. */
    record Posted(int status, String messageId) {

        boolean accepted() {
            return status == 202;
        }
    }

    Posted post(LoadTenant tenant, String conversationId, String userId, String text) {
        // The test's ids and texts are plain ASCII without quotes or backslashes.
        String body = json(conversationId, userId, text);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/v1/messages"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tenant.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request);
        String messageId = response.statusCode() == 202 ? read(response.body()).path("messageId").asText() : null;
        return new Posted(response.statusCode(), messageId);
    }

    /** The conversation's messages as the view shows them (empty if it does not exist yet). */
    List<Map<String, String>> messages(LoadTenant tenant, String conversationId) {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(ingress + "/v1/conversations/" + conversationId + "/messages"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tenant.apiKey())
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Conversation " + conversationId + ": " + response.statusCode());
        }
        return JSON.convertValue(read(response.body()).path("messages"), new TypeReference<>() {
        });
    }

    /** The key works once a request gets past authentication (ingress learns keys from Kafka). */
    boolean keyAccepted(LoadTenant tenant) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/v1/conversations/probe/messages"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tenant.apiKey())
                .GET()
                .build();
        return send(request).statusCode() == 404;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Jackson, not rest-assured's Groovy-based JsonPath: it parses hundreds of bodies a second on many threads. */
    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    private static String json(String conversationId, String userId, String text) {
        return "{\"conversationId\":\"" + conversationId + "\",\"userId\":\"" + userId + "\",\"text\":\"" + text
                + "\"}";
    }

    @Override
    public void close() {
        http.close();
    }
}
