package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's restart supervision on real child processes (small ones: {@code sleep} and {@code sh}, not the
 * platform): a process killed from outside is started again, one the launcher stops stays down, and a process that
 * keeps failing is given up on.
 */
class SupervisorIT {

    private static final RestartPolicy FAST = new RestartPolicy(Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(30), 3);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(output, true, StandardCharsets.UTF_8));
    private final List<ManagedProcess> launched = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        launched.forEach(ManagedProcess::stop);
    }

    @Test
    void aChildKilledByPidIsStartedAgainAndOneTheLauncherStopsStaysDown() {
        // Given a supervised child that would run for a minute
        Supervisor.Component sleeper = component("sleeper", List.of("sleep", "60"));
        ManagedProcess first = sleeper.launch().get();
        Thread watch = Supervisor.watch(sleeper, first, FAST, progress, () -> false).orElseThrow();

        // When something outside the launcher kills it by its pid (SIGKILL, as the OOM killer would)
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();

        // Then a new process with another pid runs, and the progress output says what happened
        await().atMost(Duration.ofSeconds(20)).until(() -> launched.size() == 2 && launched.get(1).isAlive());
        ManagedProcess second = launched.get(1);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output())
                .contains("sleeper exited with code 137; restarting in 100 ms (restart 1)")
                .contains("sleeper is back (pid " + second.pid() + ", restart 1)"));

        // When the launcher stops the new one itself
        second.stop();

        // Then the watch ends without a restart (its thread ending is the marker)
        await().atMost(Duration.ofSeconds(10)).until(() -> !watch.isAlive());
        assertThat(launched).hasSize(2);
        assertThat(output()).doesNotContain("restart 2");
    }

    @Test
    void aChildThatKeepsFailingQuicklyIsRestartedWithGrowingDelaysThenGivenUp() {
        // Given a supervised child that exits with code 3 at once, every time
        Supervisor.Component failing = component("failing", List.of("sh", "-c", "exit 3"));
        ManagedProcess first = failing.launch().get();

        // When it is watched under a policy of three quick failures
        Thread watch = Supervisor.watch(failing, first, FAST, progress, () -> false).orElseThrow();

        // Then it is restarted three times, each wait twice the last (capped), and then given up on
        await().atMost(Duration.ofSeconds(20)).until(() -> !watch.isAlive());
        assertThat(launched).hasSize(4);
        assertThat(output()).contains("failing exited with code 3; restarting in 100 ms (restart 1)")
                .contains("failing exited with code 3; restarting in 200 ms (restart 2)")
                .contains("failing exited with code 3; restarting in 400 ms (restart 3)")
                .contains("failing exited with code 3; giving up after 4 quick failures in a row")
                .contains(dir.resolve("failing.log").toString());
    }

    @Test
    void nothingIsWatchedWhenRestartsAreOff() {
        // Given a child under the policy that never restarts
        Supervisor.Component sleeper = component("sleeper", List.of("sleep", "60"));

        // Then no watch starts
        assertThat(Supervisor.watch(sleeper, sleeper.launch().get(), RestartPolicy.NEVER, progress, () -> false))
                .isEmpty();
    }

    private Supervisor.Component component(String name, List<String> command) {
        return new Supervisor.Component(name, () -> {
            ManagedProcess process = ManagedProcess.start(name, command, Map.of(), dir, dir.resolve(name + ".log"));
            launched.add(process);
            return process;
        }, process -> {
        });
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
