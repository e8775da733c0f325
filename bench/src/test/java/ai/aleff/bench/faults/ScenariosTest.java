package ai.aleff.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final Runnable NOTHING = () -> {
    };
    private static final List<Scenario> ALL = List.of(new Scenario("kill -9 agent-worker", List.of(), NOTHING),
            new Scenario("kill -9 tenant-service", List.of(), NOTHING),
            new Scenario("Kafka stop/start", List.of(), NOTHING));

    @Test
    void blankSelectionKeepsEveryScenario() {
        assertThat(Scenarios.only(ALL, "")).isEqualTo(ALL);
        assertThat(Scenarios.only(ALL, null)).isEqualTo(ALL);
    }

    @Test
    void selectionMatchesWordsOfTheNameIgnoringCase() {
        assertThat(Scenarios.only(ALL, "agent-worker, KAFKA")).extracting(Scenario::name)
                .containsExactly("kill -9 agent-worker", "Kafka stop/start");
        assertThat(Scenarios.only(ALL, "postgres")).isEmpty();
    }
}
