package ai.aleff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak shared by every process of a test run (each Maven module's tests run in a JVM of their own; Keycloak
 * takes 30 s and more to start). It lives in {@code <repository>/target/keycloak}: the server's own directory, its
 * log, and {@code state.properties} (pid, url), which {@code ./aleff test} reads to stop it by pid at the end.
 * <p>
 * The state file of the shared test Keycloak and the cross-process lock around "reuse it, or start it". A recorded
 * server is reused only if its pid is alive, still runs from this directory (a recycled pid is never mistaken for
 * it) and the realm answers; a recorded server that is alive but does not answer is stopped by that pid first.
 */
public final class SharedKeycloak {

    /** TEST ONLY: the shared test Keycloak's bootstrap administrator. Never use it anywhere else. */
    public static final KeycloakAdminCredentials ADMIN = new KeycloakAdminCredentials("admin", "admin-test-only");

    /** What a JVM reads to reuse the server. */
    public record State(long pid, String url) {
    }

    private final Path directory;

    public SharedKeycloak(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The run's shared Keycloak of this repository: {@code <repository>/target/keycloak}. */
    public static SharedKeycloak ofRepository(Path repository) {
        return new SharedKeycloak(repository.resolve("target").resolve("keycloak"));
    }

    Path stateFile() {
        return directory.resolve("state.properties");
    }

    Path instanceDirectory() {
        return directory.resolve("instance");
    }

    /** The running shared server, started first if there is none (or the recorded one is gone). */
    public State acquire() {
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(directory.resolve("state.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Optional<State> recorded = read();
                if (recorded.isPresent() && ours(recorded.get()).isPresent()) {
                    if (new KeycloakClient(recorded.get().url()).isReady()) {
                        return recorded.get();
                    }
                    stop(recorded.get());
                }
                return start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the shared Keycloak state in " + directory, e);
        }
    }

    private State start() throws IOException {
        Files.deleteIfExists(stateFile());
        KeycloakInstance instance = KeycloakInstance.prepare(instanceDirectory());
        // A fresh database per server: the realm file is imported only into an empty one.
        instance.resetDatabase();
        int port = FreePort.find();
        KeycloakNode node = KeycloakNode.launch(instance, port, FreePort.find(), ADMIN,
                directory.resolve("keycloak.log"));
        try {
            node.awaitReady(KeycloakNode.READY_TIMEOUT);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        State state = new State(node.serverPid(), KeycloakNode.url(port));
        write(state);
        return state;
    }

    /** The recorded process, if it is alive and runs from this directory. */
    Optional<ProcessHandle> ours(State state) {
        return ProcessHandle.of(state.pid())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(line -> line.contains(instanceDirectory().toString()))
                        .orElse(false));
    }

    private void stop(State state) {
        ours(state).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
    }

    /** What the state file records, if anything. */
    public Optional<State> read() {
        if (!Files.isRegularFile(stateFile())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(stateFile())) {
            properties.load(in);
            return Optional.of(new State(Long.parseLong(properties.getProperty("pid")), properties.getProperty("url")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(State state) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(state.pid()));
        properties.setProperty("url", state.url());
        properties.setProperty("instance", instanceDirectory().toString());
        Path partial = directory.resolve("state.properties.partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, "The shared test Keycloak (testkit KeycloakServer); ./aleff test stops it by pid");
        }
        Files.move(partial, stateFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}
