package ai.aleff.deploy;

/**
 * Another process of one of a {@link LocalPlatform}'s services beside the platform's own, started as the launcher
 * starts the first (same settings, database, broker and secret key) on a free port of its own: the two share the
 * consumer groups and compete for the leases, as two replicas do in Kubernetes. Fault tests kill it ({@link #kill()})
 * instead of the platform's instance, which other tests go on using. Its log is {@code <name>.log} beside the
 * platform's service logs. Not supervised: a replica that dies stays down.
 */
public final class ServiceReplica implements AutoCloseable {

    private final ServiceNode node;
    private final int port;

    private ServiceReplica(ServiceNode node, int port) {
        this.node = node;
        this.port = port;
    }

    /**
     * Starts the replica and waits until it is ready (the platform's ready timeout); on failure it is stopped and
     * the exception carries its last log lines.
     *
     * @param name the process and log name, e.g. {@code channel-ingress-2}
     */
    public static ServiceReplica start(LocalPlatform platform, PlatformService service, String name) {
        PlatformSettings settings = platform.settings();
        int port = FreePort.find();
        ServiceCommand command = ServiceCommand.of(service, settings, JavaCommand.current(),
                SecretKey.loadOrCreate(platform.layout().secretKey())).withPort(port);
        ServiceNode node = ServiceNode.start(name, command, settings, platform.layout().log(name),
                "http://127.0.0.1:" + port);
        try {
            node.awaitReady(settings.readyTimeout());
        } catch (RuntimeException e) {
            node.process().kill();
            throw e;
        }
        return new ServiceReplica(node, port);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return node.process().pid();
    }

    public boolean alive() {
        return node.process().isAlive();
    }

    /** SIGKILL, as a crash would (no shutdown hooks, no offset commits); returns once the process is gone. */
    public void kill() {
        node.process().kill();
    }

    /** A graceful stop (SIGTERM, then a forced kill after 10 s); nothing if it is dead already. */
    @Override
    public void close() {
        node.process().stop();
    }
}
