package ai.aleff.agent.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** Turns through LangChain4j's OpenAI client against an emulated OpenAI-compatible endpoint. */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class OpenAiTurnsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void toolCallLoopReachesTheModelAndTheFinalAnswerIsReplied() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a user asking something the model answers with a tool
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), "What time is it in Lisbon?");
            String turnId = message.data().messageId();

            // When the message arrives
            Events.publish(kafka, message);

            // Then the model's tool call goes to tool-executor with the model's arguments
            ToolCallRequested request = requests.awaitOne(ToolCallRequested.class, r -> r.turnId().equals(turnId))
                    .data();
            assertThat(request.toolName()).isEqualTo("time_now");
            assertThat(request.arguments()).contains("\"timezone\"", "Europe/Lisbon");
            assertThat(request.callId()).isEqualTo(turnId + ":0:0");

            // And when the tool result comes back, the model's final text is the reply
            Events.publish(kafka, TestMessages.ok(request, "2026-03-01T10:15:00+00:00[Europe/Lisbon]"));
            ReplyReady reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).data();
            assertThat(reply.text()).isEqualTo(OpenAiEmulatorResource.FINAL_TEXT);
            assertThat(reply.model()).isEqualTo(OpenAiEmulatorResource.MODEL_NAME);

            // And the second request gave the model the tool result under the model's own call id
            OpenAiEmulatorResource.emulator.server()
                    .verify(1, postRequestedFor(urlEqualTo(OpenAiEmulatorResource.COMPLETIONS))
                            .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool' && @.tool_call_id == '"
                                    + OpenAiEmulatorResource.MODEL_CALL_ID + "')].content",
                                    containing("2026-03-01T10:15:00+00:00[Europe/Lisbon]")))
                            .withRequestBody(containing("What time is it in Lisbon?")));
            // And the tools were offered to the model
            OpenAiEmulatorResource.emulator.server()
                    .verify(postRequestedFor(urlEqualTo(OpenAiEmulatorResource.COMPLETIONS))
                            .withRequestBody(containing("What time is it in Lisbon?"))
                            .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'calculator')]"))
                            .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'time_now')]")));
        }
    }

    @Test
    void turnThatKeepsCallingToolsStopsAtTheLimitWithAnHonestReply() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a model that asks for a tool at every step, and a limit of two tool rounds
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), OpenAiEmulatorResource.LOOP_MARKER);
            String turnId = message.data().messageId();
            Events.publish(kafka, message);

            // When tool-executor answers each round
            for (int round = 0; round < 2; round++) {
                String callId = turnId + ":" + round + ":0";
                ToolCallRequested request = requests
                        .awaitOne(ToolCallRequested.class, r -> r.callId().equals(callId))
                        .data();
                Events.publish(kafka, TestMessages.ok(request, "2"));
            }

            // Then the turn ends with a reply saying it stopped, after exactly two rounds
            ReplyReady reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).data();
            assertThat(reply.text()).contains("could not finish", "2 tool steps");
            assertThat(requests.events(ToolCallRequested.class, r -> r.turnId().equals(turnId))).hasSize(2);
        }
    }

    @Test
    void unreachableModelEndsTheTurnWithAnHonestReply() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a provider that answers every call with a server error
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), OpenAiEmulatorResource.FAIL_MARKER);

            // When the message arrives
            Events.publish(kafka, message);

            // Then the user is told the model could not be reached instead of waiting forever
            ReplyReady reply = replies
                    .awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(message.data().messageId()))
                    .data();
            assertThat(reply.text()).contains("could not reach the language model");
        }
    }
}
