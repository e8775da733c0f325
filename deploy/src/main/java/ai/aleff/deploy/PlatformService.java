package ai.aleff.deploy;

/** The five services the launcher runs, with the module that builds each and its default HTTP port. */
public enum PlatformService {

    TENANT_SERVICE("tenant-service", 8081), CHANNEL_INGRESS("channel-ingress", 8080), AGENT_WORKER("agent-worker",
            8082), TOOL_EXECUTOR("tool-executor", 8083), AUDIT_SERVICE("audit-service", 8084);

    private final String moduleName;
    private final int defaultPort;

    PlatformService(String moduleName, int defaultPort) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public static PlatformService byModuleName(String name) {
        for (PlatformService service : values()) {
            if (service.moduleName.equals(name)) {
                return service;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + name + "' (expected one of tenant-service, "
                + "channel-ingress, agent-worker, tool-executor, audit-service)");
    }
}
