package ai.aleff.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EmulatedModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"model":"bench-model","messages":[
              {"role":"system","content":"You are AleffAI"},
              {"role":"user","content":"first ref=conv-1-0"},
              {"role":"assistant","content":"ok ref=conv-1-0"},
              {"role":"user","content":"second ref=conv-1-1"}]}""";

    @Test
    void answersAChatCompletionInTheOpenAiFormatWithTokenUsage() throws Exception {
        // Given an instant emulated model
        try (EmulatedModelServer model = EmulatedModelServer.start(Duration.ZERO)) {
            // When a chat completion is requested
            HttpResponse<String> response = post(model, REQUEST);

            // Then it is a final assistant answer with a consistent token count
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("object").asText()).isEqualTo("chat.completion");
            assertThat(body.path("id").asText()).startsWith("chatcmpl-");
            assertThat(body.path("model").asText()).isEqualTo(EmulatedModelServer.MODEL_NAME);
            JsonNode choice = body.path("choices").get(0);
            assertThat(choice.path("index").asInt()).isZero();
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
            // And the answer names the last user message, not an earlier one of the history
            assertThat(choice.path("message").path("content").asText()).isEqualTo("ok ref=conv-1-1");
            JsonNode usage = body.path("usage");
            assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(REQUEST.length() / 4);
            assertThat(usage.path("completion_tokens").asInt()).isPositive();
            assertThat(usage.path("total_tokens").asInt())
                    .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
            assertThat(model.calls()).isEqualTo(1);
        }
    }

    @Test
    void remembersHowLongItHeldEachTaggedMessageIncludingItsConfiguredLatency() throws Exception {
        // Given a model that takes 200 ms
        try (EmulatedModelServer model = EmulatedModelServer.start(Duration.ofMillis(200))) {
            // When a tagged message is answered
            post(model, REQUEST);

            // Then its served time is at least the configured latency, and untagged refs are unknown
            assertThat(model.servedNanos("conv-1-1")).hasValueSatisfying(
                    nanos -> assertThat(nanos).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos()));
            assertThat(model.servedNanos("conv-1-0")).isEmpty();
        }
    }

    @Test
    void malformedJsonIsAnsweredWithAnOpenAiStyleError() throws Exception {
        try (EmulatedModelServer model = EmulatedModelServer.start(Duration.ZERO)) {
            HttpResponse<String> response = post(model, "{not json");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").path("type").asText())
                    .isEqualTo("invalid_request_error");
        }
    }

    @Test
    void listensOnLoopbackWithAnOpenAiStyleBaseUrl() {
        try (EmulatedModelServer model = EmulatedModelServer.start(Duration.ZERO)) {
            assertThat(model.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
        }
    }

    private static HttpResponse<String> post(EmulatedModelServer model, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(model.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
