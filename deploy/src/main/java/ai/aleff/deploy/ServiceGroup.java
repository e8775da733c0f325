package ai.aleff.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The five services' processes of a {@link LocalPlatform}: started in dependency order, supervised, killed and
 * restarted by the fault harness, stopped together. Launches and {@link #close()} share this object's lock, so a
 * Ctrl-C during a start never leaves a process behind.
 */
final class ServiceGroup implements AutoCloseable {

    private final PlatformSettings settings;
    private final DataLayout layout;
    private final Progress progress;
    private final String secretKey;
    private final Supplier<RestartPolicy> restarts;
    private final List<ServiceNode> running = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    ServiceGroup(PlatformSettings settings, DataLayout layout, Progress progress, String secretKey,
            Supplier<RestartPolicy> restarts) {
        this.settings = settings;
        this.layout = layout;
        this.progress = progress;
        this.secretKey = secretKey;
        this.restarts = restarts;
    }

    /**
     * tenant-service first (it provisions the topics and publishes tenant configuration), then the other four
     * together. If one is not ready in time its last log lines are in the exception.
     */
    void startAll() {
        ServiceCommand.requireJars(settings.repoDir());
        String java = JavaCommand.current();
        GroupStart.startAll(List.of(PlatformService.TENANT_SERVICE), service -> startOne(service, java));
        GroupStart.startAll(List.of(PlatformService.CHANNEL_INGRESS, PlatformService.AGENT_WORKER,
                PlatformService.TOOL_EXECUTOR, PlatformService.AUDIT_SERVICE), service -> startOne(service, java));
    }

    private void startOne(PlatformService service, String javaCommand) {
        long begin = System.nanoTime();
        ServiceNode node = launch(service, javaCommand);
        node.awaitReady(settings.readyTimeout());
        progress.line(String.format(Locale.ROOT, "%-16s ready on %s (%.1fs, pid %d)",
                service.moduleName(), settings.serviceUrl(service), (System.nanoTime() - begin) / 1e9,
                node.process().pid()));
        if (service == PlatformService.TENANT_SERVICE && RestoredTenants.republished(layout)) {
            progress.line("tenant-service published every restored tenant again (first start after ./aleff restore)");
        }
        Supervisor.watch(new Supervisor.Component(service.moduleName(),
                () -> launch(service, javaCommand).process(),
                process -> find(service).filter(current -> current.process() == process)
                        .ifPresent(current -> current.awaitReady(settings.readyTimeout()))),
                node.process(), restarts.get(), progress, () -> closed);
    }

    /** Starts the service's process; a dead one it replaces leaves the list. */
    private synchronized ServiceNode launch(PlatformService service, String javaCommand) {
        if (closed) {
            throw new PlatformStartException("The platform was stopped during start-up.");
        }
        running.removeIf(node -> node.service() == service && !node.process().isAlive());
        ServiceNode node = ServiceNode.start(ServiceCommand.of(service, settings, javaCommand, secretKey), settings,
                layout);
        running.add(node);
        return node;
    }

    /** The running process of a service; empty when it is not running (never started, or killed). */
    Optional<ServiceNode> find(PlatformService service) {
        synchronized (running) {
            return running.stream().filter(node -> node.service() == service).findFirst();
        }
    }

    /** SIGKILL, as a crash would; marked deliberate, so it is not restarted. The pid that was killed. */
    long kill(PlatformService service) {
        ServiceNode node = find(service)
                .orElseThrow(() -> new IllegalStateException(service.moduleName() + " is not running"));
        node.process().kill();
        running.remove(node);
        progress.line(service.moduleName() + " killed (pid " + node.process().pid() + ")");
        return node.process().pid();
    }

    /**
     * Waits until the supervisor replaced the process {@code pid} of {@code service}, which died on its own (killed
     * from outside, so not marked deliberate), and the new one is ready; its pid.
     */
    long awaitReplaced(PlatformService service, long pid) {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (true) {
            Optional<ServiceNode> replacement = find(service)
                    .filter(node -> node.process().pid() != pid && node.process().isAlive());
            if (replacement.isPresent()) {
                replacement.get().awaitReady(settings.readyTimeout());
                return replacement.get().process().pid();
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformStartException(service.moduleName() + " (pid " + pid + ") was not restarted within "
                        + settings.readyTimeout().toSeconds() + " s: is restartOnExit set?");
            }
            try {
                Pause.briefly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformStartException("Interrupted while waiting for " + service.moduleName(), e);
            }
        }
    }

    /** Starts a service that is not running (after {@link #kill}) with the same settings, and awaits it. */
    void restart(PlatformService service) {
        if (find(service).isPresent()) {
            throw new IllegalStateException(service.moduleName() + " is already running");
        }
        startOne(service, JavaCommand.current());
    }

    /** Stop signal to every service together, then each up to 10 s before a forced kill. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ServiceNode> started;
        synchronized (running) {
            started = new ArrayList<>(running);
        }
        Collections.reverse(started);
        if (!started.isEmpty()) {
            progress.step("services stopped", () -> {
                started.forEach(node -> node.process().requestStop());
                started.forEach(node -> node.process().stop());
            });
        }
    }
}
