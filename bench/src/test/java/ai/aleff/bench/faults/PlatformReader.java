package ai.aleff.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what the platform shows a tenant: a conversation's messages and its audit trail. */
public final class PlatformReader {

    /** One message of {@code GET /v1/conversations/{id}/messages}. */
    public record Message(String messageId, String direction, String text, String inReplyTo, Instant occurredAt) {
    }

    /** One record of {@code GET /v1/audit}. */
    public record AuditEntry(String recordId, String action, String subjectId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String ingressUrl;
    private final String auditUrl;
    private final String apiKey;

    public PlatformReader(String ingressUrl, String auditUrl, String apiKey) {
        this.ingressUrl = ingressUrl;
        this.auditUrl = auditUrl;
        this.apiKey = apiKey;
    }

    /** The conversation's messages; empty when it does not exist (yet). */
    public List<Message> messages(String conversationId) {
        JsonNode body = get(ingressUrl + "/v1/conversations/" + encode(conversationId) + "/messages");
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            messages.add(new Message(m.path("messageId").asText(), m.path("direction").asText(),
                    m.path("text").asText(""), m.path("inReplyTo").asText(null),
                    Instant.parse(m.path("occurredAt").asText())));
        }
        return messages;
    }

    public List<AuditEntry> audit(String conversationId) {
        JsonNode body = get(auditUrl + "/v1/audit?limit=1000&conversationId=" + encode(conversationId));
        List<AuditEntry> entries = new ArrayList<>();
        for (JsonNode r : body.path("records")) {
            entries.add(new AuditEntry(r.path("recordId").asText(), r.path("action").asText(),
                    r.path("subjectId").asText()));
        }
        return entries;
    }

    private JsonNode get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return JSON.createObjectNode();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
