package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreconditionTest {

    @Test
    void withoutIfMatchAnyVersionMatches() {
        assertThat(Precondition.NONE.matches(0)).isTrue();
        assertThat(Precondition.NONE.matches(7)).isTrue();
    }

    @Test
    void onlyTheCurrentStrongTagOrAStarMatches() {
        assertThat(new Precondition("\"3\"").matches(3)).isTrue();
        assertThat(new Precondition("\"2\", \"3\"").matches(3)).isTrue();
        assertThat(new Precondition("*").matches(3)).isTrue();
        assertThat(new Precondition("\"2\"").matches(3)).isFalse();
        assertThat(new Precondition("3").matches(3)).isFalse();
        assertThat(new Precondition("W/\"3\"").matches(3)).isFalse();
        assertThat(new Precondition("").matches(0)).isFalse();
        assertThat(new Precondition("\"03\"").matches(3)).isFalse();
    }

    @Test
    void theETagIsTheQuotedVersion() {
        assertThat(Precondition.etag(12)).isEqualTo("\"12\"");
    }
}
