package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;

import org.junit.jupiter.api.Test;

import ai.aleff.deploy.Progress;

class StartTimesTest {

    @Test
    void theLaunchersReadyLineGivesEachServicesStartTime() {
        // Given start times listening to the launcher's progress
        StartTimes times = new StartTimes(new PrintStream(PrintStream.nullOutputStream()));
        Progress progress = new Progress(times.stream());

        // When the launcher reports services ready, in its own format
        progress.line(String.format(java.util.Locale.ROOT, "%-16s ready on %s (%.1fs, pid %d)", "channel-ingress",
                "http://127.0.0.1:8080", 7.4, 4242));
        progress.line("Kafka ready on 127.0.0.1:9092 (12.0s)");

        // Then the service's time is known and nothing else is mistaken for a service
        assertThat(times.seconds("channel-ingress")).hasValue(7.4);
        assertThat(times.seconds("Kafka")).isEmpty();
    }
}
