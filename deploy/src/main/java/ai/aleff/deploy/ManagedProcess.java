package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process this launcher started, with its output appended to a log file. Stopping it touches only this
 * process handle: never anything found by name.
 */
public final class ManagedProcess {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    // Set before any stop or kill of ours, so that a supervisor tells them from a crash.
    private volatile boolean stopRequested;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command}; {@code environment} adds variables (used for secrets, which would be visible to
     * every user in the process list as arguments).
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + Instant.now() + " starting " + name + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once this launcher asked the process to stop or killed it on purpose: its exit is no crash. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Blocks until the process has exited, however long that takes, and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PlatformStartException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for " + name, e);
        }
    }

    /** Asks the process to stop (SIGTERM) without waiting, so several children can shut down together. */
    public void requestStop() {
        stopRequested = true;
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * Kills the process at once (SIGKILL through its own {@link ProcessHandle}), as a crash would, and waits until it
     * is gone so its ports are free for a restart. For fault injection.
     */
    public void kill() {
        stopRequested = true;
        process.toHandle().destroyForcibly();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PlatformStartException(name + " did not die within " + GRACE.toSeconds() + " s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while killing " + name, e);
        }
    }

    /** Stops the process: a polite request (SIGTERM), 10 s to finish, then a forced kill. */
    public void stop() {
        requestStop();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
