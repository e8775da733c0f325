package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** One running service process and its readiness wait. */
public final class ServiceNode {

    private final PlatformService service;
    private final ManagedProcess process;
    private final String baseUrl;

    private ServiceNode(PlatformService service, ManagedProcess process, String baseUrl) {
        this.service = service;
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static ServiceNode start(ServiceCommand command, PlatformSettings settings, DataLayout layout) {
        PlatformService service = command.service();
        FreePort.requireFree(settings.port(service), service.moduleName());
        return start(service.moduleName(), command, settings, layout.log(service.moduleName()),
                settings.serviceUrl(service));
    }

    /** Starts the command as a process named {@code name}, logging to {@code log}, answering at {@code baseUrl}. */
    static ServiceNode start(String name, ServiceCommand command, PlatformSettings settings, Path log,
            String baseUrl) {
        PlatformService service = command.service();
        appendLine(log, "command: " + command.describe());
        ManagedProcess process = ManagedProcess.start(name, command.command(), command.environment(),
                settings.repoDir().resolve(service.moduleName()), log);
        return new ServiceNode(service, process, baseUrl);
    }

    public PlatformService service() {
        return service;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Waits for {@code /q/health/ready} to answer 200; fails early if the process exits. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ReadinessProbe.isReady(baseUrl)) {
                if (!process.isAlive()) {
                    throw new PlatformStartException(process.name() + " exited during start-up\n"
                            + LogTail.format(process.log(), 40));
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException(process.name() + " was not ready within "
                            + timeout.toSeconds() + " s (" + baseUrl + "/q/health/ready)\n"
                            + LogTail.format(process.log(), 40));
                }
                Pause.briefly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for " + process.name(), e);
        }
    }

    private static void appendLine(Path log, String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + log, e);
        }
    }
}
