package ai.aleff.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final Runnable NOTHING = () -> {
    };
    private static final List<Scenario> ALL = List.of(new Scenario("kill -9 agent-worker", List.of(), NOTHING),
            new Scenario("kill -9 tenant-service", List.of(), NOTHING),
            new Scenario("Kafka stop/start", List.of(), NOTHING),
            new Scenario("Slack Events API: kill -9 channel-ingress", List.of(), NOTHING),
            new Scenario("Slack Socket Mode: kill -9 the socket holder", List.of(), NOTHING),
            new Scenario("Discord Gateway: kill -9 the gateway holder", List.of(), NOTHING));

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

    @Test
    void selectionMatchesHyphenatedWordsAcrossSpacesAndPunctuation() {
        assertThat(Scenarios.only(ALL, "slack-socket")).extracting(Scenario::name)
                .containsExactly("Slack Socket Mode: kill -9 the socket holder");
        assertThat(Scenarios.only(ALL, "slack-events")).extracting(Scenario::name)
                .containsExactly("Slack Events API: kill -9 channel-ingress");
        assertThat(Scenarios.only(ALL, "slack")).hasSize(2);
        assertThat(Scenarios.only(ALL, "discord")).extracting(Scenario::name)
                .containsExactly("Discord Gateway: kill -9 the gateway holder");
    }
}
