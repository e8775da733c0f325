package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/messages} with the tenant's API key and the marker as clientMessageId. 503s and connection errors
 * are retried, as the API asks integrators to do; 202 carries the messageId.
 */
final class ApiTarget implements HttpTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ingressUrl;
    private final String apiKey;

    ApiTarget(String ingressUrl, String apiKey) {
        this.ingressUrl = ingressUrl;
        this.apiKey = apiKey;
    }

    @Override
    public HttpRequest request(LoadClient.Attempt attempt) throws IOException {
        String body = JSON.writeValueAsString(Map.of("conversationId", attempt.conversationId(), "userId", "bench",
                "text", attempt.text(), "clientMessageId", attempt.marker()));
        return HttpRequest.newBuilder(URI.create(ingressUrl + "/v1/messages"))
                .timeout(LoadClient.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Override
    public boolean accepted(int status) {
        return status == 202 || status == 200;
    }

    @Override
    public boolean retryable(int status) {
        return status == 0 || status == 503;
    }

    @Override
    public String messageId(String body) {
        try {
            return JSON.readTree(body).path("messageId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
