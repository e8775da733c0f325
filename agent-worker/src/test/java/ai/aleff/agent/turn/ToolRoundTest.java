package ai.aleff.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.agent.delegation.ToolArguments;
import ai.aleff.agent.delegation.ToolRouter;
import ai.aleff.agent.delegation.TurnOffer;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.repository.ToolCall;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;

/** The tool round's decisions, on plain objects: the writes are the integration tests' (DelegationIT...). */
class ToolRoundTest {

    private final ToolRound round = new ToolRound(null, null, null, null, null,
            new ToolRouter(new TurnOffer(TurnFixtures.settings()), new ToolArguments(new ObjectMapper())),
            TurnFixtures.AUDIT);
    private final Turn turn = TurnFixtures.userTurn("help me", 0);

    private static String action(CloudEvent<?> event) {
        return event.data() instanceof AuditRecord record ? record.action() : event.data().getClass().getSimpleName();
    }

    @Test
    void eachRequestIsRoutedWithTheStepsSnapshot() {
        // Given a tenant allowing web_search, with a writer subagent and a skill
        AssistantConfiguration assistant = TurnFixtures.assistant(List.of("web_search"),
                List.of(TurnFixtures.subagent("writer", List.of())), List.of(new Skill("tone", "Tone.", "Be kind.")));
        ModelOutcome.ToolCalls step = new ModelOutcome.ToolCalls(List.of(
                TurnFixtures.request("m0", "web_search", "{\"q\":\"x\"}"),
                TurnFixtures.request("m1", "load_skill", "{\"name\":\"tone\"}"),
                TurnFixtures.request("m2", "agent_writer", "{\"task\":\"write it\"}"),
                TurnFixtures.request("m3", "calculator", "{}")), TurnFixtures.USAGE);

        // When the round is planned
        ToolRound.Plan plan = round.plan(turn, assistant, step, Instant.now());

        // Then web_search goes to tool-executor, the skill and the refusal are answered here, the writer is a child
        assertThat(plan.calls()).extracting(ToolCall::callId)
                .containsExactly("turn-1:0:0", "turn-1:0:1", "turn-1:0:2", "turn-1:0:3");
        Map<ToolCall, String> answered = plan.answered();
        assertThat(answered.keySet()).extracting(ToolCall::toolName).containsExactly("load_skill", "calculator");
        assertThat(answered.values()).containsExactly("Be kind.",
                "ERROR: the tool calculator is not available to this agent");
        assertThat(plan.children()).singleElement().satisfies(child -> {
            assertThat(child.turnId()).isEqualTo(TurnIds.childTurnId("turn-1:0:2"));
            assertThat(child.userText()).isEqualTo("write it");
            assertThat(child.lineage().parentTurnId()).isEqualTo("turn-1");
            assertThat(child.lineage().parentCallId()).isEqualTo("turn-1:0:2");
            assertThat(child.lineage().depth()).isEqualTo(1);
            assertThat(child.lineage().subagent()).isEqualTo("writer");
        });
        assertThat(plan.events()).extracting(ToolRoundTest::action).containsExactly("model.called",
                "ToolCallRequested", "tool.requested", "skill.loaded", "subagent.started");
        assertThat(((ToolCallRequested) plan.events().get(1).data()).toolName()).isEqualTo("web_search");
        // And the turn waits for the remote call and the child
        assertThat(plan.complete()).isFalse();
    }

    @Test
    void aToolTheSnapshotDoesNotAllowIsRefusedHere() {
        // Given the same request, under a snapshot whose tenant lists only another tool
        AssistantConfiguration assistant = TurnFixtures.assistant(List.of("calculator"), List.of(), List.of());
        ModelOutcome.ToolCalls step = new ModelOutcome.ToolCalls(
                List.of(TurnFixtures.request("m0", "web_search", "{}")), TurnFixtures.USAGE);

        // When the round is planned
        ToolRound.Plan plan = round.plan(turn, assistant, step, Instant.now());

        // Then nothing is published to tool-executor and the round is complete at once
        assertThat(plan.answered().values())
                .containsExactly("ERROR: the tool web_search is not available to this agent");
        assertThat(plan.events()).extracting(ToolRoundTest::action).containsExactly("model.called");
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void aRequestWithoutIdOrArgumentsGetsTheCallIdAndAnEmptyObject() {
        // Given a model that sent no call id and blank arguments
        ModelOutcome.ToolCalls step = new ModelOutcome.ToolCalls(
                List.of(TurnFixtures.request(null, "web_search", " ")), TurnFixtures.USAGE);

        // When the round is planned
        ToolRound.Plan plan = round.plan(TurnFixtures.userTurn("x", 2), AssistantConfiguration.platformDefaults(),
                step, Instant.now());

        // Then the history and the row carry the call id and "{}"
        assertThat(plan.identified()).singleElement().satisfies(request -> {
            assertThat(request.id()).isEqualTo("turn-1:2:0");
            assertThat(request.arguments()).isEqualTo("{}");
        });
        assertThat(plan.calls().getFirst().modelCallId()).isEqualTo("turn-1:2:0");
        assertThat(plan.calls().getFirst().arguments()).isEqualTo("{}");
    }
}
