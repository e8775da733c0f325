package ai.aleff.deploy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches one component's process on a virtual thread and starts it again when it exits on its own, with the backoff
 * of a {@link RestartPolicy}; says so on the progress output. An exit the launcher asked for (stop, Ctrl-C, a fault
 * injection's kill) ends the watch instead.
 */
final class Supervisor {

    /**
     * What the supervisor restarts.
     *
     * @param launch starts a fresh process without waiting for it
     * @param awaitReady waits until that fresh process serves; throws {@link PlatformStartException} when it does not
     */
    record Component(String name, Supplier<ManagedProcess> launch, Consumer<ManagedProcess> awaitReady) {
    }

    private final Component component;
    private final RestartPolicy policy;
    private final Progress progress;
    private final BooleanSupplier shuttingDown;

    private Supervisor(Component component, RestartPolicy policy, Progress progress, BooleanSupplier shuttingDown) {
        this.component = component;
        this.policy = policy;
        this.progress = progress;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Watches {@code running} (just started) and its successors until one is stopped on purpose, the launcher shuts
     * down, or the policy gives up. Does nothing when the policy restarts nothing.
     *
     * @return the watching thread, which ends with the watch; empty when nothing is watched
     */
    static Optional<Thread> watch(Component component, ManagedProcess running, RestartPolicy policy, Progress progress,
            BooleanSupplier shuttingDown) {
        if (!policy.restarts()) {
            return Optional.empty();
        }
        Supervisor supervisor = new Supervisor(component, policy, progress, shuttingDown);
        return Optional.of(
                Thread.ofVirtual().name("aleff-supervise-" + component.name()).start(() -> supervisor.run(running)));
    }

    private void run(ManagedProcess first) {
        RestartBackoff backoff = policy.newBackoff();
        ManagedProcess current = first;
        long startedAt = System.nanoTime();
        String failure = null;
        try {
            while (true) {
                if (current != null) {
                    int code = current.awaitExit();
                    if (current.stopRequested() || shuttingDown.getAsBoolean()) {
                        return;
                    }
                    failure = "exited with code " + code;
                }
                RestartBackoff.Decision decision = backoff.onExit(Duration.ofNanos(System.nanoTime() - startedAt));
                if (!decision.restart()) {
                    progress.line(String.format(Locale.ROOT,
                            "%s %s; giving up after %d quick failures in a row (each within %d s of its start)."
                                    + " It stays down; its log: %s. Stop with Ctrl-C and run again after a fix.",
                            component.name(), failure, decision.quickFailures(), policy.stableAfter().toSeconds(),
                            first.log()));
                    return;
                }
                progress.line(String.format(Locale.ROOT, "%s %s; restarting in %s (restart %d)", component.name(),
                        failure, describe(decision.delay()), decision.restartNumber()));
                Thread.sleep(decision.delay());
                if (shuttingDown.getAsBoolean()) {
                    return;
                }
                startedAt = System.nanoTime();
                current = relaunch(decision.restartNumber());
                if (current == null) {
                    failure = "could not be started again";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ManagedProcess relaunch(int restartNumber) {
        ManagedProcess process;
        try {
            process = component.launch().get();
        } catch (RuntimeException e) {
            if (!shuttingDown.getAsBoolean()) {
                progress.line(component.name() + " did not start: " + firstLine(e));
            }
            return null;
        }
        try {
            component.awaitReady().accept(process);
            progress.line(component.name() + " is back (pid " + process.pid() + ", restart " + restartNumber + ")");
        } catch (RuntimeException e) {
            // An exit during start-up is the next failure: the loop sees it. A slow start is left running.
            if (process.isAlive() && !shuttingDown.getAsBoolean()) {
                progress.line(component.name() + " restarted but is not ready: " + firstLine(e));
            }
        }
        return process;
    }

    private static String describe(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
    }

    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
