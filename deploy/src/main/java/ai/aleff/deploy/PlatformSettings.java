package ai.aleff.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link LocalPlatform} needs: where the built services and the data live, the loopback ports (Keycloak's
 * included), the
 * JVM options of the child processes and any extra configuration per service.
 *
 * @param keycloakUrl a Keycloak that already runs the {@code aleff} realm (tests share one); null: the platform
 *        starts its own on {@code keycloakPort}
 * @param environment the variables the launcher reads provider settings from (OPENAI_BASE_URL, OPENAI_API_KEY,
 *        OPENAI_MODEL); tests pass their own map so the developer's shell never leaks into them
 */
public record PlatformSettings(Path repoDir, Path dataDir, int postgresPort, int kafkaPort, int kafkaControllerPort,
        int keycloakPort, int keycloakManagementPort, String keycloakUrl, Map<PlatformService, Integer> servicePorts,
        Map<PlatformService, Map<String, String>> serviceProperties,
        Map<String, String> environment, List<String> serviceJvmOptions, List<String> kafkaJvmOptions,
        Duration readyTimeout) {

    public static final int DEFAULT_POSTGRES_PORT = 55432;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_KEYCLOAK_PORT = 8090;
    public static final int DEFAULT_KEYCLOAK_MANAGEMENT_PORT = 9190;
    public static final String DATABASE = "aleff";
    /** The superuser, used only to provision; its password is in the data directory ({@link DatabaseLogins}). */
    public static final String DATABASE_USER = "postgres";

    public PlatformSettings {
        servicePorts = Map.copyOf(servicePorts);
        Map<PlatformService, Map<String, String>> copy = new EnumMap<>(PlatformService.class);
        serviceProperties.forEach((service, properties) -> copy.put(service, Map.copyOf(properties)));
        serviceProperties = Map.copyOf(copy);
        environment = Map.copyOf(environment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        kafkaJvmOptions = List.copyOf(kafkaJvmOptions);
    }

    public static Builder builder(Path repoDir, Path dataDir) {
        return new Builder(repoDir, dataDir);
    }

    public int port(PlatformService service) {
        return servicePorts.get(service);
    }

    public Map<String, String> extraProperties(PlatformService service) {
        return serviceProperties.getOrDefault(service, Map.of());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public String serviceUrl(PlatformService service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** Whether the platform starts its own Keycloak (rather than use {@link #keycloakUrl()} given to it). */
    public boolean startsKeycloak() {
        return keycloakUrl == null;
    }

    /** The Keycloak base URL: the one given, or the platform's own. Tokens must be requested from exactly it. */
    public String keycloakBaseUrl() {
        return startsKeycloak() ? KeycloakNode.url(keycloakPort) : keycloakUrl;
    }

    /** The issuer of the platform's tokens ({@code quarkus.oidc.auth-server-url} of the services). */
    public String keycloakRealmUrl() {
        return new KeycloakClient(keycloakBaseUrl()).realmUrl();
    }

    /** Fluent construction with the documented defaults. */
    public static final class Builder {

        private final Path repoDir;
        private final Path dataDir;
        private int postgresPort = DEFAULT_POSTGRES_PORT;
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
        private int keycloakPort = DEFAULT_KEYCLOAK_PORT;
        private int keycloakManagementPort = DEFAULT_KEYCLOAK_MANAGEMENT_PORT;
        private String keycloakUrl;
        private final Map<PlatformService, Integer> servicePorts = new EnumMap<>(PlatformService.class);
        private final Map<PlatformService, Map<String, String>> serviceProperties = new EnumMap<>(
                PlatformService.class);
        private Map<String, String> environment = Map.of();
        // Small heaps: five services, a broker and PostgreSQL share a developer laptop.
        private List<String> serviceJvmOptions = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                // Serial GC returns heap to the OS after a collection only when this much of it is free.
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
        private List<String> kafkaJvmOptions = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true");
        private Duration readyTimeout = Duration.ofSeconds(120);

        private Builder(Path repoDir, Path dataDir) {
            this.repoDir = repoDir.toAbsolutePath().normalize();
            this.dataDir = dataDir.toAbsolutePath().normalize();
            for (PlatformService service : PlatformService.values()) {
                servicePorts.put(service, service.defaultPort());
            }
        }

        /** Shifts every port by {@code offset}, so a second platform can run beside the default one. */
        public Builder portOffset(int offset) {
            postgresPort = DEFAULT_POSTGRES_PORT + offset;
            kafkaPort = DEFAULT_KAFKA_PORT + offset;
            kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT + offset;
            keycloakPort = DEFAULT_KEYCLOAK_PORT + offset;
            keycloakManagementPort = DEFAULT_KEYCLOAK_MANAGEMENT_PORT + offset;
            for (PlatformService service : PlatformService.values()) {
                servicePorts.put(service, service.defaultPort() + offset);
            }
            return this;
        }

        public Builder postgresPort(int port) {
            postgresPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            kafkaControllerPort = port;
            return this;
        }

        public Builder keycloakPort(int port) {
            keycloakPort = port;
            return this;
        }

        /** Use this running Keycloak (with the {@code aleff} realm imported) instead of starting one. */
        public Builder externalKeycloak(String url) {
            keycloakUrl = url;
            return this;
        }

        public Builder servicePort(PlatformService service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Picks a free loopback port for PostgreSQL, Kafka and every service. */
        public Builder freePorts() {
            postgresPort = FreePort.find();
            kafkaPort = FreePort.find();
            kafkaControllerPort = FreePort.find();
            keycloakPort = FreePort.find();
            keycloakManagementPort = FreePort.find();
            for (PlatformService service : PlatformService.values()) {
                servicePorts.put(service, FreePort.find());
            }
            return this;
        }

        /** An extra configuration property passed to one service as a system property. */
        public Builder serviceProperty(PlatformService service, String key, String value) {
            serviceProperties.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder serviceJvmOptions(List<String> options) {
            serviceJvmOptions = options;
            return this;
        }

        public Builder kafkaJvmOptions(List<String> options) {
            kafkaJvmOptions = options;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            readyTimeout = timeout;
            return this;
        }

        public PlatformSettings build() {
            return new PlatformSettings(repoDir, dataDir, postgresPort, kafkaPort, kafkaControllerPort, keycloakPort,
                    keycloakManagementPort, keycloakUrl, servicePorts,
                    serviceProperties, environment, serviceJvmOptions, kafkaJvmOptions, readyTimeout);
        }
    }
}
