package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.aleff.deploy.FreePort;
import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.ManagedProcess;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.SecretKey;
import ai.aleff.deploy.ServiceCommand;

/**
 * A second channel-ingress process beside the platform's, started as the launcher starts the first (same settings,
 * database, broker, secret key) on a port of its own: the two share the consumer groups and compete for the polling
 * leases, as two replicas do in Kubernetes.
 */
final class SecondIngress implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;

    private SecondIngress(ManagedProcess process) {
        this.process = process;
    }

    /** Starts it and waits until it is ready. */
    static SecondIngress start(LocalPlatform platform) {
        PlatformService ingress = PlatformService.CHANNEL_INGRESS;
        String secretKey = SecretKey.loadOrCreate(platform.layout().secretKey());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServiceCommand launcher = ServiceCommand.of(ingress, platform.settings(), java, secretKey);
        int port = FreePort.find();
        List<String> command = new ArrayList<>();
        for (String argument : launcher.command()) {
            command.add(argument.startsWith("-Dquarkus.http.port=") ? "-Dquarkus.http.port=" + port : argument);
        }
        ManagedProcess process = ManagedProcess.start(ingress.moduleName() + "-2", command, launcher.environment(),
                platform.settings().repoDir().resolve(ingress.moduleName()),
                platform.layout().log(ingress.moduleName() + "-2"));
        SecondIngress second = new SecondIngress(process);
        try {
            await().atMost(FaultHarness.SERVICE_READY_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the second channel-ingress exited; see " + process.log());
                }
                return ready("http://127.0.0.1:" + port);
            });
        } catch (RuntimeException e) {
            second.close();
            throw e;
        }
        return second;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash would. */
    void kill() {
        process.kill();
    }

    private static boolean ready(String baseUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A graceful stop (SIGTERM, then a forced kill after 10 s). */
    @Override
    public void close() {
        process.stop();
    }
}
