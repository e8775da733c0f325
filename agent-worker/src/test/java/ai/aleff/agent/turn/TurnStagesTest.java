package ai.aleff.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;

/** The decisions of the intake and the completion, and the audit ids, on plain objects. */
class TurnStagesTest {

    private final TurnCompletion completion = new TurnCompletion(null, null, null, null, null, null,
            TurnFixtures.AUDIT, null);

    private static MessageReceived message(String tenant) {
        return new MessageReceived("turn-1", tenant, TurnFixtures.CONVERSATION, "user-1", "api", null, "hi",
                Instant.now());
    }

    private static AuditRecord record(CloudEvent<?> event) {
        return (AuditRecord) event.data();
    }

    @Test
    void aMessageWaitsBehindItsConversationsOpenTurn() {
        assertThat(TurnIntake.newTurn(message(TurnFixtures.TENANT), true).status()).isEqualTo(TurnStatus.QUEUED);
        assertThat(TurnIntake.newTurn(message(TurnFixtures.TENANT), false).status()).isEqualTo(TurnStatus.RUNNING);
    }

    @Test
    void aRedeliveredMessageResumesOnlyItsOwnRunningTurn() {
        Turn running = TurnFixtures.userTurn("hi", 1);
        Turn done = new Turn("turn-1", TurnFixtures.TENANT, TurnFixtures.CONVERSATION, "user-1", "api", "hi",
                TurnStatus.DONE, 1);

        assertThat(TurnIntake.resume(running, message(TurnFixtures.TENANT)).toAdvance()).containsExactly("turn-1");
        assertThat(TurnIntake.resume(done, message(TurnFixtures.TENANT)).toAdvance()).isEmpty();
        // A message id reused by another tenant never touches this tenant's turn
        assertThat(TurnIntake.resume(running, message("other-tenant")).toAdvance()).isEmpty();
    }

    @Test
    void aChildsAnswerOrFailureAnswersItsParentsCall() {
        Turn child = TurnFixtures.childTurn("writer");

        TurnCompletion.ChildResult answered = completion.childResult(child,
                new ModelOutcome.Answer("the text", TurnFixtures.USAGE));
        TurnCompletion.ChildResult failed = completion.childResult(child, new ModelOutcome.Failure("tool limit"));

        assertThat(answered.result()).isEqualTo("the text");
        assertThat(answered.events()).extracting(e -> record(e).action())
                .containsExactly("model.called", "subagent.completed");
        assertThat(failed.result()).isEqualTo("ERROR: the subagent writer did not finish (tool limit)");
        assertThat(failed.events()).extracting(e -> record(e).detail())
                .containsExactly("subagent=writer cause=tool limit");
    }

    @Test
    void aUsersTurnEndsWithItsFailureOrItsModelCallAudited() {
        Turn turn = TurnFixtures.userTurn("hi", 2);

        List<CloudEvent<?>> failed = completion.endEvents(turn, new ModelOutcome.Failure("tenant not active"));
        List<CloudEvent<?>> answered = completion.endEvents(turn, new ModelOutcome.Answer("a", TurnFixtures.USAGE));

        assertThat(failed).extracting(e -> record(e).detail()).containsExactly("cause=tenant not active");
        assertThat(answered).extracting(e -> record(e).subjectId()).containsExactly("turn-1:2");
    }

    @Test
    void auditIdsAreDerivedFromActionAndSubjectAsBefore() {
        // Given the id formula every earlier version used ("audit:<action>:<subject>", name-based)
        String legacy = UUID.nameUUIDFromBytes("audit:reply.published:r-1".getBytes(StandardCharsets.UTF_8))
                .toString();

        // When a record is built twice, Then its id is the same, derived from the one action it names
        CloudEvent<AuditRecord> first = TurnFixtures.AUDIT.replyPublished(TurnFixtures.userTurn("x", 0), "r-1", "m");
        CloudEvent<AuditRecord> again = TurnFixtures.AUDIT.replyPublished(TurnFixtures.userTurn("x", 0), "r-1", "m");
        assertThat(TurnAudit.id("reply.published", "r-1")).isEqualTo(legacy);
        assertThat(first.id()).isEqualTo(legacy).isEqualTo(again.id());
        assertThat(first.data().recordId()).isEqualTo(legacy);
        assertThat(first.data().action()).isEqualTo("reply.published");
    }
}
