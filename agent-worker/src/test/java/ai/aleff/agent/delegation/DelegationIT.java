package ai.aleff.agent.delegation;

import static ai.aleff.agent.delegation.DelegationEmulatorResource.requestsContaining;
import static ai.aleff.agent.delegation.DelegationEmulatorResource.systemPrompt;
import static ai.aleff.agent.delegation.DelegationEmulatorResource.toolNames;
import static ai.aleff.agent.delegation.DelegationEmulatorResource.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.turn.TurnIds;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * Skills and subagents end to end inside the worker: tenant configuration from the topic, model requests to an
 * emulated OpenAI endpoint, subagent tool calls to the (absent) tool-executor over the real broker.
 */
@QuarkusTest
@TestProfile(DelegationProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class DelegationIT {

    private static final Skill BAKING = new Skill("baking", "Bread and pastry questions.",
            "# Baking\nAlways knead for ten minutes.");
    private static final Skill BREWING = new Skill("brewing", "Coffee and tea questions.", "# Brewing\nUse 93 C.");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TenantDirectory directory;

    @Test
    void skillsAreListedInThePromptAndLoadSkillReturnsTheSkillWithoutToolExecutor() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant with two skills
            String tenant = tenantWith(DelegationFixtures.assistant(List.of(), List.of(BAKING, BREWING)));
            CloudEvent<MessageReceived> message = DelegationFixtures.message(tenant,
                    DelegationFixtures.newConversation(), DelegationEmulatorResource.SKILL_MARKER + ": bread?");

            // When the user asks something a skill covers (the model calls load_skill)
            Events.publish(kafka, message);

            // Then the user gets the model's answer made with the skill
            ReplyReady reply = awaitReply(replies, message);
            assertThat(reply.text()).isEqualTo(DelegationEmulatorResource.SKILL_ANSWER);
            // And the first request listed the skills in the system prompt and offered load_skill
            List<JsonNode> calls = requestsContaining(message.data().text());
            assertThat(calls).hasSize(2);
            assertThat(systemPrompt(calls.get(0))).contains("load_skill", "- baking: Bread and pastry questions.",
                    "- brewing: Coffee and tea questions.");
            assertThat(systemPrompt(calls.get(0))).doesNotContain("knead");
            assertThat(toolNames(calls.get(0))).contains("load_skill", "time_now", "calculator");
            // And the second request carried the skill's Markdown as the tool result
            assertThat(toolResults(calls.get(1))).containsExactly("# Baking\nAlways knead for ten minutes.");
            // And the skill was answered in the worker: nothing went to tool-executor
            assertThat(requests.events(ToolCallRequested.class, r -> r.turnId().equals(turnId(message)))).isEmpty();
            // And the load is audited
            CloudEvent<AuditRecord> loaded = audit.awaitOne(AuditRecord.class,
                    r -> r.conversationId().equals(message.conversationId()) && r.action().equals("skill.loaded"));
            assertThat(loaded.data().detail()).isEqualTo("skill=baking");
            assertThat(loaded.data().subjectId()).isEqualTo(turnId(message) + ":0:0");
        }
    }

    @Test
    void unknownSkillGetsAnErrorResultListingTheValidNames() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant with skills, and a model asking for one that does not exist
            String tenant = tenantWith(DelegationFixtures.assistant(List.of(), List.of(BAKING, BREWING)));
            CloudEvent<MessageReceived> message = DelegationFixtures.message(tenant,
                    DelegationFixtures.newConversation(), DelegationEmulatorResource.UNKNOWN_SKILL_MARKER);

            // When the message arrives
            Events.publish(kafka, message);

            // Then the model is told the name is unknown and which names are valid, and the turn still replies
            awaitReply(replies, message);
            List<JsonNode> calls = requestsContaining(message.data().text());
            assertThat(toolResults(calls.getLast()))
                    .containsExactly("ERROR: unknown skill 'astrology'; valid names: baking, brewing");
        }
    }

    @Test
    void subagentRunsAsAChildTurnAndItsAnswerBecomesTheMainAgentsToolResult() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT);
                EventProbe usage = EventProbe.open(kafka, Topics.USAGE)) {
            // Given a tenant with a researcher (its own model, only the calculator) and a writer
            ModelChoice researcherModel = new ModelChoice("openai", DelegationEmulatorResource.RESEARCHER_MODEL,
                    DelegationEmulatorResource.emulator.baseUrl(), null);
            String tenant = tenantWith(DelegationFixtures.assistant(List.of(
                    DelegationFixtures.subagent("researcher", "Finds facts.",
                            DelegationEmulatorResource.RESEARCHER_INSTRUCTIONS, List.of("calculator"),
                            List.of(researcherModel)),
                    DelegationFixtures.subagent("writer", "Writes text.",
                            DelegationEmulatorResource.WRITER_INSTRUCTIONS,
                            List.of(), List.of())),
                    List.of(BAKING)));
            CloudEvent<MessageReceived> message = DelegationFixtures.message(tenant,
                    DelegationFixtures.newConversation(), DelegationEmulatorResource.DELEGATE_MARKER + " water?");
            String parentCall = turnId(message) + ":0:0";
            String child = TurnIds.childTurnId(parentCall);

            // When the main agent calls agent_researcher, and tool-executor answers the researcher's calculator call
            Events.publish(kafka, message);
            ToolCallRequested calculator = requests.awaitOne(ToolCallRequested.class, r -> r.turnId().equals(child))
                    .data();
            Events.publish(kafka, DelegationFixtures.ok(calculator, "100"));

            // Then the user gets exactly one reply: the main agent's final answer
            ReplyReady reply = awaitReply(replies, message);
            assertThat(reply.text()).isEqualTo(DelegationEmulatorResource.MAIN_ANSWER);
            assertExactlyOneReply(replies, message);

            // And the main agent was offered the subagents as tools, with their descriptions
            List<JsonNode> main = requestsContaining(message.data().text());
            assertThat(main).hasSize(2);
            assertThat(toolNames(main.get(0))).contains("agent_researcher", "agent_writer", "load_skill", "time_now");
            assertThat(main.get(0).toString()).contains("Finds facts.");
            // And the researcher's requests had its instructions, its model and only its tools (no skills, not
            // itself)
            List<JsonNode> researcher = requestsContaining(DelegationEmulatorResource.RESEARCHER_INSTRUCTIONS);
            assertThat(researcher).hasSize(2);
            assertThat(systemPrompt(researcher.get(0))).startsWith(DelegationEmulatorResource.RESEARCHER_INSTRUCTIONS);
            assertThat(researcher.get(0).path("model").asText()).isEqualTo(DelegationEmulatorResource.RESEARCHER_MODEL);
            assertThat(toolNames(researcher.get(0))).containsExactlyInAnyOrder("calculator", "agent_writer");
            assertThat(researcher.get(0).toString()).contains(DelegationEmulatorResource.RESEARCH_TASK)
                    .doesNotContain(DelegationEmulatorResource.DELEGATE_MARKER);
            // And its own tool loop went through tool-executor and back to it
            assertThat(calculator.toolName()).isEqualTo("calculator");
            assertThat(calculator.userId()).isEqualTo("user-1");
            assertThat(toolResults(researcher.get(1))).containsExactly("100");
            // And its answer came back to the main agent as the result of its call, without its inner steps
            assertThat(toolResults(main.get(1))).containsExactly(DelegationEmulatorResource.RESEARCH_ANSWER);
            assertThat(main.get(1).toString()).doesNotContain("50*2");

            // And the run is audited and its model calls are metered like any other
            List<String> actions = audit.await(AuditRecord.class,
                    r -> r.conversationId().equals(message.conversationId()) && r.action().startsWith("subagent."), 2)
                    .stream()
                    .map(e -> e.data().action() + " " + e.data().detail())
                    .toList();
            assertThat(actions).containsExactly("subagent.started subagent=researcher call=" + parentCall,
                    "subagent.completed subagent=researcher");
            assertThat(usage.await(UsageRecorded.class, u -> u.turnId().equals(child), 2))
                    .allMatch(u -> u.data().model().equals(DelegationEmulatorResource.RESEARCHER_MODEL));
        }
    }

    @Test
    void subagentAtTheDepthLimitIsNotOfferedSubagentTools() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a planner that delegates to a writer (depth 2, the default limit)
            String tenant = tenantWith(DelegationFixtures.assistant(List.of(
                    DelegationFixtures.subagent("planner", "Plans.", DelegationEmulatorResource.PLANNER_INSTRUCTIONS,
                            List.of(), List.of()),
                    DelegationFixtures.subagent("writer", "Writes.", DelegationEmulatorResource.WRITER_INSTRUCTIONS,
                            List.of("time_now"), List.of())),
                    List.of()));
            CloudEvent<MessageReceived> message = DelegationFixtures.message(tenant,
                    DelegationFixtures.newConversation(), DelegationEmulatorResource.DEPTH_MARKER);

            // When the main agent calls the planner, which calls the writer
            Events.publish(kafka, message);

            // Then each answer travels up one level and the user gets one reply
            assertThat(awaitReply(replies, message).text()).isEqualTo(DelegationEmulatorResource.DEPTH_ANSWER);
            assertExactlyOneReply(replies, message);
            // And the planner (depth 1) was offered the writer, the writer (depth 2) no subagent at all
            JsonNode planner = requestsContaining(DelegationEmulatorResource.PLANNER_INSTRUCTIONS).getFirst();
            assertThat(toolNames(planner)).containsExactly("agent_writer");
            JsonNode writer = requestsContaining(DelegationEmulatorResource.WRITER_INSTRUCTIONS).getFirst();
            assertThat(toolNames(writer)).containsExactly("time_now");
            assertThat(toolResults(requestsContaining(DelegationEmulatorResource.PLANNER_INSTRUCTIONS).getLast()))
                    .containsExactly(DelegationEmulatorResource.WRITER_ANSWER);
        }
    }

    @Test
    void failingSubagentBecomesAnErrorResultNotAFailedTurn() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a subagent whose model always fails
            String tenant = tenantWith(DelegationFixtures.assistant(List.of(DelegationFixtures.subagent("broken",
                    "Never works.", DelegationEmulatorResource.BROKEN_INSTRUCTIONS, List.of(), List.of())),
                    List.of()));
            CloudEvent<MessageReceived> message = DelegationFixtures.message(tenant,
                    DelegationFixtures.newConversation(), DelegationEmulatorResource.FAILURE_MARKER);

            // When the main agent delegates to it
            Events.publish(kafka, message);

            // Then the main agent gets an error result and still answers the user itself
            assertThat(awaitReply(replies, message).text()).isEqualTo(DelegationEmulatorResource.FAILURE_ANSWER);
            assertThat(toolResults(requestsContaining(message.data().text()).getLast())).singleElement()
                    .asString()
                    .startsWith("ERROR: the subagent broken did not finish");
            // And the failure is audited with the subagent's name, while the user's turn is not failed
            CloudEvent<AuditRecord> failed = audit.awaitOne(AuditRecord.class,
                    r -> r.conversationId().equals(message.conversationId()) && r.action().equals("subagent.failed"));
            assertThat(failed.data().detail()).startsWith("subagent=broken cause=");
            audit.awaitOne(AuditRecord.class,
                    r -> r.conversationId().equals(message.conversationId()) && r.action().equals("reply.published"));
            assertThat(audit.events(AuditRecord.class,
                    r -> r.conversationId().equals(message.conversationId()) && r.action().equals("turn.failed")))
                    .isEmpty();
        }
    }

    private String tenantWith(AssistantConfiguration assistant) {
        String tenant = DelegationFixtures.newTenant();
        Events.publish(kafka, DelegationFixtures.configuration(tenant, assistant));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(tenant).isPresent());
        return tenant;
    }

    private static ReplyReady awaitReply(EventProbe replies, CloudEvent<MessageReceived> message) {
        return replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId(message))).data();
    }

    /** No second reply turns up in the conversation, a child's or a duplicate. */
    private static void assertExactlyOneReply(EventProbe replies, CloudEvent<MessageReceived> message) {
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> replies.events(ReplyReady.class,
                        r -> r.conversationId().equals(message.conversationId())).size() == 1);
    }

    private static String turnId(CloudEvent<MessageReceived> message) {
        return message.data().messageId();
    }
}
