package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in a child JVM ({@code kafka.Kafka server.properties}), KRaft combined mode, storing its log
 * in the data directory. The storage is formatted once, on the first start.
 */
public final class KafkaNode implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ManagedProcess process;
    private final String bootstrapServers;

    private KafkaNode(ManagedProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker process without waiting for it; see {@link #awaitReady()}. */
    public static KafkaNode launch(PlatformSettings settings, DataLayout layout) {
        FreePort.requireFree(settings.kafkaPort(), "the Kafka broker");
        FreePort.requireFree(settings.kafkaControllerPort(), "the Kafka controller");
        String classpath = KafkaClasspath.resolve();
        writeProperties(settings, layout);
        if (!isFormatted(layout)) {
            format(settings, layout, classpath);
        }
        List<String> command = new ArrayList<>(List.of(JavaCommand.current()));
        command.addAll(settings.kafkaJvmOptions());
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", layout.kafkaProperties().toString()));
        ManagedProcess process = ManagedProcess.start("kafka", command, Map.of(), layout.kafka(), layout.log("kafka"));
        return new KafkaNode(process, settings.bootstrapServers());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    /** The broker's JVM, for the launcher's supervision. */
    ManagedProcess process() {
        return process;
    }

    static boolean isFormatted(DataLayout layout) {
        return Files.exists(layout.kafkaLogDirs().resolve("meta.properties"));
    }

    private static void writeProperties(PlatformSettings settings, DataLayout layout) {
        Map<String, String> properties = KafkaServerProperties.of(settings.kafkaPort(), settings.kafkaControllerPort(),
                layout.kafkaLogDirs());
        try {
            Files.createDirectories(layout.kafkaLogDirs());
            Files.writeString(layout.kafkaProperties(), KafkaServerProperties.render(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + layout.kafkaProperties(), e);
        }
    }

    private static void format(PlatformSettings settings, DataLayout layout, String classpath) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.current()));
        command.addAll(settings.kafkaJvmOptions());
        command.addAll(List.of("-cp", classpath, "kafka.tools.StorageTool", "format", "--config",
                layout.kafkaProperties().toString(), "--cluster-id", Uuid.randomUuid().toString()));
        ManagedProcess format = ManagedProcess.start("kafka-storage-format", command, Map.of(), layout.kafka(),
                layout.log("kafka"));
        int exit = format.waitFor(FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new PlatformStartException(
                    "Formatting the Kafka storage failed (exit " + exit + ")\n" + LogTail.format(format.log(), 40));
        }
    }

    /** Waits until the broker answers a describeCluster; fails early if the process exits. */
    public void awaitReady() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new PlatformStartException("The Kafka broker exited during start-up\n"
                            + LogTail.format(process.log(), 40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not listening yet: try again until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException("The Kafka broker did not become ready within "
                            + READY_TIMEOUT.toSeconds() + " s\n" + LogTail.format(process.log(), 40));
                }
                Pause.briefly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
