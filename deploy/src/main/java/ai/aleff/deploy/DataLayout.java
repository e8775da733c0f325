package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where each component keeps its state inside the data directory, which survives between runs. */
public record DataLayout(Path root) {

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path kafkaProperties() {
        return kafka().resolve("server.properties");
    }

    public Path kafkaLogDirs() {
        return kafka().resolve("logs");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    /** Keycloak's own directory: its H2 database (users, the realm as changed since import) lives here. */
    public Path keycloak() {
        return root.resolve("keycloak");
    }

    /** The password of Keycloak's bootstrap administrator (master realm); mode 600. */
    public Path keycloakAdminPassword() {
        return root.resolve("keycloak-admin-password");
    }

    /** The demo tenant's id and API key, once created and linked to the demo users; mode 600. */
    public Path demoTenant() {
        return root.resolve("demo-tenant.properties");
    }

    /** The platform secret key (base64), which encrypts tenants' model API keys; mode 600. */
    public Path secretKey() {
        return root.resolve("secret-key");
    }

    /**
     * Written by {@code ./aleff restore}: the next start has tenant-service publish every tenant again (the other
     * services learn tenants from Kafka, which a restore does not touch); removed once it is ready.
     */
    public Path republishPending() {
        return root.resolve("republish-tenants.pending");
    }

    public void create() {
        try {
            Files.createDirectories(postgres().getParent());
            Files.createDirectories(kafkaLogDirs());
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }
}
