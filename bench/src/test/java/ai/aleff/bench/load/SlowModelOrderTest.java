package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SlowModelOrderTest {

    @Test
    void repliesArrivingInSendOrderAreInOrderEvenWhenTheLastAreMissing() {
        assertThat(SlowModelScenario.inSendOrder(List.of("m1", "m2", "m3"), List.of("m1", "m2"))).isTrue();
        assertThat(SlowModelScenario.inSendOrder(List.of("m1", "m2", "m3"), List.of("m1", "m2", "m3"))).isTrue();
    }

    @Test
    void aReplyOvertakingAnEarlierMessageIsOutOfOrder() {
        assertThat(SlowModelScenario.inSendOrder(List.of("m1", "m2", "m3"), List.of("m2", "m1", "m3"))).isFalse();
        // A gap also counts: the reply to m3 came while m2 was still unanswered.
        assertThat(SlowModelScenario.inSendOrder(List.of("m1", "m2", "m3"), List.of("m1", "m3"))).isFalse();
    }

    @Test
    void aRepeatedReplyIsCountedOnce() {
        assertThat(SlowModelScenario.inSendOrder(List.of("m1", "m2"), List.of("m1", "m1", "m2"))).isTrue();
    }
}
