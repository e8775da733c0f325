package ai.aleff.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCommandTest {

    @Test
    void exactCommandWordsAreRecognisedWhateverTheirCaseAndSurroundingBlanks() {
        // Given / When / Then
        assertThat(SessionCommand.parse("/reset")).contains(SessionCommand.RESET);
        assertThat(SessionCommand.parse("  /STATUS\n")).contains(SessionCommand.STATUS);
        assertThat(SessionCommand.parse("/Help")).contains(SessionCommand.HELP);
    }

    @Test
    void messagesThatOnlyLookLikeCommandsAreOrdinaryMessages() {
        // Given / When / Then
        assertThat(SessionCommand.parse("/resetting")).isEmpty();
        assertThat(SessionCommand.parse("/reset please")).isEmpty();
        assertThat(SessionCommand.parse("reset")).isEmpty();
        assertThat(SessionCommand.parse("/calc 1+1")).isEmpty();
        assertThat(SessionCommand.parse(null)).isEmpty();
    }
}
