package ai.aleff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo tenant of {@code ./aleff run}: created once through the admin API as the realm's platform administrator,
 * then linked to the realm's demo tenant administrator and member (their {@code tenant_id} attribute), on every run
 * so that a Keycloak database made afresh is linked again. Its id and first API key are kept in the data directory.
 */
public record DemoTenant(String id, String apiKey) {

    public static final String NAME = "demo";

    public static DemoTenant ensure(LocalPlatform platform) {
        Path file = platform.layout().demoTenant();
        DemoTenant tenant = Files.exists(file) ? load(file) : create(platform);
        KeycloakAdmin admin = platform.identity().admin();
        for (AleffRealm.DemoUser user : new AleffRealm.DemoUser[]{AleffRealm.DEMO_TENANT_ADMIN,
                AleffRealm.DEMO_TENANT_MEMBER}) {
            String userId = admin.userId(user.username())
                    .orElseThrow(() -> new PlatformStartException("The realm has no user " + user.username()));
            admin.setTenant(userId, tenant.id());
        }
        if (!Files.exists(file)) {
            tenant.store(file);
        }
        allowWidgetDemo(platform, tenant);
        return tenant;
    }

    /** The demo page {@code <ingress>/demo/<id>} may use the demo tenant's chat widget, on every run (ports move). */
    private static void allowWidgetDemo(LocalPlatform platform, DemoTenant tenant) {
        String ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
        String origins = "[\"" + ingress + "\",\"" + ingress.replace("127.0.0.1", "localhost") + "\"]";
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(platform.serviceUrl(PlatformService.TENANT_SERVICE) + "/v1/tenants/"
                        + tenant.id() + "/widget"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"allowedOrigins\":" + origins + ",\"anonymousVisitors\":true}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PlatformStartException("Allowing the widget demo page failed: tenant-service answered "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new PlatformStartException("Allowing the widget demo page failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while allowing the widget demo page", e);
        }
    }

    private static DemoTenant create(LocalPlatform platform) {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(platform.serviceUrl(PlatformService.TENANT_SERVICE) + "/v1/tenants"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + NAME + "\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new PlatformStartException("Creating the demo tenant failed: tenant-service answered "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = KeycloakClient.JSON.readTree(response.body());
            return new DemoTenant(body.path("id").asText(), body.path("apiKey").asText());
        } catch (IOException e) {
            throw new PlatformStartException("Creating the demo tenant failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while creating the demo tenant", e);
        }
    }

    static DemoTenant load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new DemoTenant(properties.getProperty("id"), properties.getProperty("apiKey"));
    }

    void store(Path file) {
        Properties properties = new Properties();
        properties.setProperty("id", id);
        properties.setProperty("apiKey", apiKey);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "The demo tenant of ./aleff run (its first API key: keep this file private)");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's permissions.
        }
    }

    @Override
    public String toString() {
        return "DemoTenant[id=" + id + ", apiKey=***]";
    }
}
