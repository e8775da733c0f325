package ai.aleff.tools.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactTextTest {

    @Test
    void normalisingLeavesOneLineWithSingleSpacesAndNoControlCharacters() {
        // Given a fact with newlines, tabs, NUL and surrounding space, When normalised, Then one clean line remains
        assertThat(FactText.normalise("  Likes\n\ttea\u0000 and   jazz \r\n")).isEqualTo("Likes tea and jazz");
        assertThat(FactText.normalise(" \n\u0000 ")).isEmpty();
    }

    @Test
    void queryWordsBecomeSubstringPatternsWithoutNoiseOrPatternCharacters() {
        // Given a query with short words, stop words, punctuation and LIKE wildcards
        // When turned into patterns
        // Then only meaningful words remain, lower-cased, each once, and no wildcard from the input survives
        assertThat(FactText.patterns("What does the user like? Coffee, COFFEE; 42% of_it")).containsExactly("%like%",
                "%coffee%", "%42%");
        assertThat(FactText.patterns("'; DROP TABLE tools.memory_fact; --")).containsExactly("%drop%", "%table%",
                "%tools%", "%memory%", "%fact%");
        assertThat(FactText.patterns("%%% __ a")).isEmpty();
    }

    @Test
    void overlongQueriesAreRefused() {
        // Given a query over 1,000 characters, When turned into patterns, Then the model is told it is too long
        assertThatThrownBy(() -> FactText.patterns("x".repeat(1001))).hasMessageContaining("longer than 1000");
    }
}
