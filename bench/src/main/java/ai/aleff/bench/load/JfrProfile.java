package ai.aleff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of one service process, started and stopped with {@code jcmd} from the running JDK, then
 * summarised with {@code jfr view hot-methods}. Best effort: a missing tool leaves a note, never a failed run.
 */
final class JfrProfile {

    private final long pid;
    private final Path file;
    private final boolean started;

    private JfrProfile(long pid, Path file, boolean started) {
        this.pid = pid;
        this.file = file;
        this.started = started;
    }

    static JfrProfile start(long pid, Path file) {
        boolean ok = run(List.of(tool("jcmd"), Long.toString(pid), "JFR.start", "name=aleff-bench",
                "settings=profile")).isPresent();
        return new JfrProfile(pid, file, ok);
    }

    /** Stops the recording into the file and returns the hot-methods view, or a note why there is none. */
    String stopAndSummarise() {
        if (!started) {
            return "JFR recording could not be started (jcmd missing?)";
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            return "Cannot create " + file.getParent();
        }
        if (run(List.of(tool("jcmd"), Long.toString(pid), "JFR.stop", "name=aleff-bench",
                "filename=" + file.toAbsolutePath())).isEmpty()) {
            return "JFR recording could not be stopped";
        }
        return run(List.of(tool("jfr"), "view", "--width", "160", "hot-methods", file.toAbsolutePath().toString()))
                .orElse("jfr view failed; open " + file + " in JDK Mission Control");
    }

    Path file() {
        return file;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static java.util.Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(output);
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
