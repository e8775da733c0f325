package ai.aleff.deploy;

import java.util.Optional;

/**
 * The whole platform on one machine: Keycloak, PostgreSQL, a Kafka broker and the five services, started in
 * dependency order and stopped in reverse. Used by {@code ./aleff run}, the end-to-end tests and benchmarks.
 *
 * <pre>
 * try (LocalPlatform platform = LocalPlatform.start(settings, progress)) { ... }
 * </pre>
 */
public final class LocalPlatform implements AutoCloseable {

    private final PlatformSettings settings;
    private final DataLayout layout;
    private final Progress progress;
    private KeycloakNode keycloak;
    private PostgresNode postgres;
    private KafkaNode kafka;
    private final ServiceGroup services;
    private volatile boolean closed;
    private volatile RestartPolicy restarts = RestartPolicy.NEVER;

    private LocalPlatform(PlatformSettings settings, Progress progress) {
        this.settings = settings;
        this.layout = new DataLayout(settings.dataDir());
        this.progress = progress;
        layout.create();
        this.services = new ServiceGroup(settings, layout, progress, SecretKey.loadOrCreate(layout.secretKey()),
                () -> restarts);
    }

    /** A platform that has started nothing yet. */
    public static LocalPlatform create(PlatformSettings settings, Progress progress) {
        return new LocalPlatform(settings, progress);
    }

    /** Starts everything; on any failure stops what was started and rethrows. */
    public static LocalPlatform start(PlatformSettings settings, Progress progress) {
        LocalPlatform platform = create(settings, progress);
        try {
            platform.startInfrastructure();
            platform.startServices();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * From now on a service, Kafka or Keycloak whose process exits on its own (not through this platform's stop or
     * kill methods) is started again under {@code policy}; {@link RestartPolicy#NEVER} (the default) leaves it down.
     * Set it before the start. PostgreSQL is not supervised: pg_ctl runs it as a daemon, not a child of ours.
     */
    public void restartOnExit(RestartPolicy policy) {
        this.restarts = policy;
    }

    /** Fails with one clear message when a service has not been built, before anything is started. */
    public void requireServiceJars() {
        ServiceCommand.requireJars(settings.repoDir());
    }

    /** Keycloak (launched first: it takes longest), PostgreSQL, Kafka, then waits for Keycloak. */
    public void startInfrastructure() {
        progress.line("data directory " + layout.root());
        if (settings.startsKeycloak()) {
            progress.step("Keycloak starting on " + settings.keycloakBaseUrl(), () -> {
                launchKeycloak();
            });
        }
        progress.step("PostgreSQL ready on 127.0.0.1:" + settings.postgresPort() + ", database "
                + PlatformSettings.DATABASE, () -> {
                    // Under the lock: a Ctrl-C during this start waits for it, then stops PostgreSQL too.
                    synchronized (this) {
                        requireOpen();
                        postgres = PostgresNode.start(settings, layout);
                    }
                });
        progress.step("Kafka ready on " + settings.bootstrapServers(), () -> {
            launchKafka();
            kafka.awaitReady();
        });
        if (keycloak != null) {
            progress.step("Keycloak ready on " + settings.keycloakBaseUrl() + ", realm " + AleffRealm.NAME,
                    () -> keycloak.awaitReady(KeycloakNode.READY_TIMEOUT));
            Supervisor.watch(new Supervisor.Component("keycloak", this::launchKeycloak, process -> {
                KeycloakNode node = keycloak;
                if (node != null && node.process() == process) {
                    node.awaitReady(KeycloakNode.READY_TIMEOUT);
                }
            }), keycloak.process(), restarts, progress, () -> closed);
        }
        superviseKafka();
    }

    private ManagedProcess launchKeycloak() {
        KeycloakInstance instance = KeycloakInstance.prepare(layout.keycloak());
        synchronized (this) {
            requireOpen();
            keycloak = KeycloakNode.launch(instance, settings.keycloakPort(), settings.keycloakManagementPort(),
                    identity().adminCredentials(), layout.log("keycloak"));
            return keycloak.process();
        }
    }

    private synchronized ManagedProcess launchKafka() {
        requireOpen();
        kafka = KafkaNode.launch(settings, layout);
        return kafka.process();
    }

    private void superviseKafka() {
        Supervisor.watch(new Supervisor.Component("kafka", this::launchKafka, process -> {
            KafkaNode node = kafka;
            if (node != null && node.process() == process) {
                node.awaitReady();
            }
        }), kafka.process(), restarts, progress, () -> closed);
    }

    /** The five services, tenant-service first (docs: {@link ServiceGroup#startAll()}). */
    public void startServices() {
        if (kafka == null || postgres == null) {
            throw new IllegalStateException("startInfrastructure() first");
        }
        services.startAll();
    }

    private void requireOpen() {
        if (closed) {
            throw new PlatformStartException("The platform was stopped during start-up.");
        }
    }

    public PlatformSettings settings() {
        return settings;
    }

    public DataLayout layout() {
        return layout;
    }

    /** The platform's Keycloak: token URL, the platform administrator's tokens, the admin API. */
    public PlatformIdentity identity() {
        return new PlatformIdentity(settings, layout);
    }

    /** A fresh access token of the realm's platform administrator (they live 5 minutes: get one per use). */
    public String platformAdminToken() {
        return identity().platformAdminToken();
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public String jdbcUrl() {
        return settings.jdbcUrl();
    }

    public String serviceUrl(PlatformService service) {
        return settings.serviceUrl(service);
    }

    /** The running PostgreSQL, for direct checks; null before {@link #startInfrastructure()}. */
    public PostgresNode postgres() {
        return postgres;
    }

    /** Where the platform keeps its data (PostgreSQL cluster, Kafka logs, service logs). */
    public java.nio.file.Path dataDirectory() {
        return layout.root();
    }

    /** The platform's own Keycloak; null before {@link #startInfrastructure()} or when it uses another one. */
    public KeycloakNode keycloak() {
        return keycloak;
    }

    /** The running broker; null before {@link #startInfrastructure()}. */
    public KafkaNode kafka() {
        return kafka;
    }

    /** The process of a running service (e.g. for its memory use); empty if it is not running. */
    public Optional<ProcessHandle> serviceProcess(PlatformService service) {
        return service(service).flatMap(node -> ProcessHandle.of(node.process().pid()));
    }

    /** The running process of a service; empty when it is not running (never started, or killed). */
    public Optional<ServiceNode> service(PlatformService service) {
        return services.find(service);
    }

    /**
     * Fault injection: kills the service's process with SIGKILL (no shutdown hooks, no offset commits, no
     * graceful close), as a crash or an OOM kill would, and waits until it is gone.
     *
     * @return the pid that was killed
     */
    public long killService(PlatformService service) {
        return services.kill(service);
    }

    /** Starts a service that is not running (after {@link #killService}) with the same settings, and awaits it. */
    public void restartService(PlatformService service) {
        services.restart(service);
    }

    /**
     * Fault injection for the supervisor: waits until a service process that died on its own (e.g. {@code kill -9}
     * from another shell) was started again under {@link #restartOnExit} and is ready; the new pid.
     */
    public long awaitRestarted(PlatformService service, long deadPid) {
        return services.awaitReplaced(service, deadPid);
    }

    /** Fault injection: stops the Kafka broker (SIGTERM, then SIGKILL after 10 s); its data directory stays. */
    public synchronized void stopKafka() {
        requireOpen();
        if (kafka == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        kafka.close();
        kafka = null;
        progress.line("Kafka stopped");
    }

    /** Starts the broker again on the same ports and data directory (after {@link #stopKafka()}), and awaits it. */
    public void startKafka() {
        KafkaNode started;
        synchronized (this) {
            requireOpen();
            if (kafka != null) {
                throw new IllegalStateException("Kafka is already running");
            }
            started = KafkaNode.launch(settings, layout);
            kafka = started;
        }
        started.awaitReady();
        progress.line("Kafka ready on " + settings.bootstrapServers());
        superviseKafka();
    }

    /** Fault injection: stops PostgreSQL (fast shutdown); its cluster directory stays. */
    public synchronized void stopPostgres() {
        requireOpen();
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        postgres.close();
        postgres = null;
        progress.line("PostgreSQL stopped");
    }

    /** Starts PostgreSQL again on the same port with the same cluster (after {@link #stopPostgres()}). */
    public synchronized void startPostgres() {
        requireOpen();
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        postgres = PostgresNode.start(settings, layout);
        progress.line("PostgreSQL ready on 127.0.0.1:" + settings.postgresPort());
    }

    /**
     * Stops services, then Kafka, then PostgreSQL, then Keycloak. Services get their stop signal together and each up to 10 s
     * before a forced kill. Only processes this instance started are touched. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.close();
        if (kafka != null) {
            progress.step("Kafka stopped", kafka::close);
        }
        if (postgres != null) {
            progress.step("PostgreSQL stopped", postgres::close);
        }
        if (keycloak != null) {
            progress.step("Keycloak stopped", keycloak::close);
        }
    }
}
