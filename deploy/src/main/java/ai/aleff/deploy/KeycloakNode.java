package ai.aleff.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Keycloak ({@code kc.sh start-dev}) on loopback, importing the {@code aleff} realm on its first start. The
 * host name is pinned to {@code http://127.0.0.1:<port>}: the issuer in every token is that URL, so services and
 * clients must use exactly it. The bootstrap administrator (master realm) is created on the first start only.
 */
public final class KeycloakNode implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    /** Keycloak's own default heap is a share of the machine's memory; the local platform needs little. */
    static final String HEAP_OPTIONS = "-Xms64m -Xmx512m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ManagedProcess process;
    private final KeycloakClient client;

    private KeycloakNode(ManagedProcess process, KeycloakClient client) {
        this.process = process;
        this.client = client;
    }

    /** Starts Keycloak without waiting for it; see {@link #awaitReady(Duration)}. */
    public static KeycloakNode launch(KeycloakInstance instance, int port, int managementPort,
            KeycloakAdminCredentials admin, Path log) {
        FreePort.requireFree(port, "Keycloak");
        FreePort.requireFree(managementPort, "Keycloak's management interface");
        ManagedProcess process = ManagedProcess.start("keycloak", command(instance, port, managementPort),
                environment(admin), instance.directory(), log);
        return new KeycloakNode(process, new KeycloakClient(url(port)));
    }

    static List<String> command(KeycloakInstance instance, int port, int managementPort) {
        List<String> command = new ArrayList<>();
        command.add(instance.script().toString());
        command.add("start-dev");
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + port);
        command.add("--hostname=" + url(port));
        command.add("--http-management-port=" + managementPort);
        command.add("--import-realm");
        return command;
    }

    /** The bootstrap administrator travels in the environment, never on the command line. */
    static Map<String, String> environment(KeycloakAdminCredentials admin) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", admin.username());
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", admin.password());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_KC_HEAP", HEAP_OPTIONS);
        return environment;
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    public KeycloakClient client() {
        return client;
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * The pid of Keycloak's JVM: {@code kc.sh} may run it as a child rather than exec it, and only that JVM holds the
     * port.
     */
    public long serverPid() {
        return ProcessHandle.of(process.pid())
                .flatMap(shell -> shell.descendants()
                        .filter(child -> child.info().command().map(c -> c.endsWith("java")).orElse(false))
                        .findFirst())
                .map(ProcessHandle::pid)
                .orElse(process.pid());
    }

    /** Waits until the realm answers its OpenID configuration; fails early if the process exits. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!client.isReady()) {
                if (!process.isAlive()) {
                    throw new PlatformStartException(
                            "Keycloak exited during start-up\n" + LogTail.format(process.log(), 40));
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException("Keycloak did not become ready within " + timeout.toSeconds()
                            + " s\n" + LogTail.format(process.log(), 40));
                }
                Pause.briefly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for Keycloak", e);
        }
    }

    @Override
    public void close() {
        long server = serverPid();
        process.stop();
        // kc.sh forwards SIGTERM to the JVM it forked, but a shell killed after the grace period leaves that JVM
        // running: stop it by its own pid, and wait so that its ports are free afterwards.
        ProcessHandle.of(server).filter(ProcessHandle::isAlive).ifPresent(jvm -> {
            jvm.destroy();
            try {
                jvm.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jvm.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                jvm.destroyForcibly();
            }
        });
    }
}
