package ai.aleff.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.HistoryEntry.Role;
import ai.aleff.agent.repository.SequencedEntry;

class HistoryWindowTest {

    private final List<SequencedEntry> entries = new ArrayList<>();

    @Test
    void historyWithinTheBudgetIsSentAsItIs() {
        // Given two exchanges of 10 + 10 tokens each
        user(40);
        assistant(40);
        user(40);
        assistant(40);

        // When planned with a budget of 40 tokens
        HistoryWindow.Plan plan = HistoryWindow.plan(Optional.empty(), entries, 40, 50);

        // Then everything fits
        assertThat(plan).isInstanceOfSatisfying(HistoryWindow.Fits.class,
                fits -> assertThat(fits.window().entries()).isEqualTo(entries));
    }

    @Test
    void overBudgetHistoryIsCompactedAtAUserMessageKeepingToolCallsWithTheirResults() {
        // Given an old exchange, then an exchange with a tool call and its result, then the current question
        user(80);
        assistant(80);
        user(40);
        toolCall(40);
        toolResult(40);
        assistant(40);
        user(40);

        // When planned with a budget of 60 tokens, half of it kept verbatim
        HistoryWindow.Plan plan = HistoryWindow.plan(Optional.empty(), entries, 60, 50);

        // Then the tool exchange is summarised whole and only the current question stays
        assertThat(plan).isInstanceOfSatisfying(HistoryWindow.Compact.class, compact -> {
            assertThat(compact.older()).isEqualTo(entries.subList(0, 6));
            assertThat(compact.recent()).isEqualTo(entries.subList(6, 7));
            assertThat(compact.coversToSeq()).isEqualTo(6);
        });
    }

    @Test
    void theCurrentExchangeIsKeptEvenWhenItAloneExceedsTheBudget() {
        // Given one question whose tool result is huge
        user(40);
        toolCall(40);
        toolResult(4000);

        // When planned with a small budget
        HistoryWindow.Plan plan = HistoryWindow.plan(Optional.empty(), entries, 100, 50);

        // Then nothing is cut: there is nothing older to summarise and a tool result never loses its call
        assertThat(plan).isInstanceOfSatisfying(HistoryWindow.Truncate.class,
                truncate -> assertThat(truncate.window().entries()).isEqualTo(entries));
    }

    @Test
    void fittingDropsTheOldestExchangesAndCountsTheSummary() {
        // Given three exchanges of 20 tokens and a summary
        for (int i = 0; i < 3; i++) {
            user(40);
            assistant(40);
        }
        String summary = "s".repeat(40);
        int summaryTokens = HistoryWindow.summaryTokens(summary);

        // When fitted into the summary plus two exchanges
        HistoryWindow.Window window = HistoryWindow.fit(Optional.of(summary), entries, summaryTokens + 40);

        // Then the summary and the two newest exchanges are sent
        assertThat(window.summary()).contains(summary);
        assertThat(window.entries()).isEqualTo(entries.subList(2, 6));
        assertThat(window.tokens()).isEqualTo(summaryTokens + 40);
    }

    private void user(int chars) {
        add(Role.USER, "u".repeat(chars), null);
    }

    private void assistant(int chars) {
        add(Role.ASSISTANT, "a".repeat(chars), null);
    }

    private void toolCall(int chars) {
        add(Role.ASSISTANT, null, "[" + "c".repeat(chars - 2) + "]");
    }

    private void toolResult(int chars) {
        add(Role.TOOL, "r".repeat(chars), null);
    }

    private void add(Role role, String content, String calls) {
        entries.add(new SequencedEntry(entries.size() + 1,
                new HistoryEntry("t", "c", "turn", role, content, calls, null, null)));
    }
}
