package ai.aleff.agent.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.aleff.testkit.Events;
import ai.aleff.testkit.OpenAiEmulator;

/** Stubs and reads the emulator's chat-completions traffic, per model name. */
public final class ModelRequests {

    private ModelRequests() {
    }

    /** A stub for requests to {@code model}; later stubs with a lower priority number win. */
    public static MappingBuilder to(String model) {
        return post(urlEqualTo(AssistantEmulatorResource.COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    public static void stub(MappingBuilder mapping) {
        AssistantEmulatorResource.emulator.server().stubFor(mapping);
    }

    public static ResponseDefinitionBuilder json(String body) {
        return OpenAiEmulator.ok(body);
    }

    /** Every request sent to {@code model}, oldest first. */
    public static List<LoggedRequest> sentTo(String model) {
        return AssistantEmulatorResource.emulator.server()
                .findAll(postRequestedFor(urlEqualTo(AssistantEmulatorResource.COMPLETIONS))
                        .withRequestBody(matchingJsonPath("$.model", equalTo(model))));
    }

    public static JsonNode body(LoggedRequest request) {
        try {
            return Events.JSON.readTree(request.getBodyAsString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of each message of a request, in order ("role: content"). */
    public static List<String> messages(LoggedRequest request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : body(request).get("messages")) {
            texts.add(message.get("role").asText() + ": " + message.path("content").asText(""));
        }
        return texts;
    }
}
