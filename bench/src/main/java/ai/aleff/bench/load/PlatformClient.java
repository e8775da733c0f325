package ai.aleff.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The platform's public HTTP API as the benchmark uses it: create a tenant, send messages, read conversations.
 * HTTP/1.1 so concurrent requests use separate pooled connections, as most clients of the API would.
 */
final class PlatformClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String tenantServiceUrl;
    private final String ingressUrl;

    /** The result of one POST /v1/messages: status, the platform's messageId on 202, and the round trip. */
    record Sent(int status, String messageId, long startNanos, long endNanos) {

        boolean accepted() {
            return status == 202;
        }
    }

    PlatformClient(String tenantServiceUrl, String ingressUrl) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.tenantServiceUrl = tenantServiceUrl;
        this.ingressUrl = ingressUrl;
    }

    HttpClient http() {
        return http;
    }

    String ingressUrl() {
        return ingressUrl;
    }

    /** Creates a tenant and waits until channel-ingress has learned its API key over Kafka. */
    String createTenant(String name, String adminToken) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(tenantServiceUrl + "/v1/tenants"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(body(Map.of("name", name))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating tenant " + name + " answered " + created.statusCode() + ": "
                    + created.body());
        }
        String apiKey = read(created.body()).path("apiKey").asText();
        awaitKeyKnown(apiKey);
        return apiKey;
    }

    private void awaitKeyKnown(String apiKey) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            // 404 = authenticated, the conversation just does not exist; 401 = the key is not known yet.
            int status = send(HttpRequest.newBuilder(URI.create(ingressUrl + "/v1/conversations/probe/messages"))
                    .header("Authorization", "Bearer " + apiKey)
                    .GET()).statusCode();
            if (status == 404) {
                return;
            }
            Sleeper.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("channel-ingress did not learn the new tenant's key within 60 s");
    }

    Sent sendMessage(String apiKey, String conversationId, String text) {
        long start = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ingressUrl + "/v1/messages"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(body(Map.of("conversationId", conversationId, "userId", "bench-user", "text", text))));
        long end = System.nanoTime();
        String messageId = response.statusCode() == 202 ? read(response.body()).path("messageId").asText() : null;
        return new Sent(response.statusCode(), messageId, start, end);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
