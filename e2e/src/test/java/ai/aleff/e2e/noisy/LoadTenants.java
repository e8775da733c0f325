package ai.aleff.e2e.noisy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/** Creates the test's tenants as a platform administrator does: tenant, limits, assistant instructions. */
final class LoadTenants implements AutoCloseable {

    // The services learn a new tenant's key from Kafka; on a busy machine that takes a while.
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LocalPlatform platform;
    private final MessageClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LoadTenants(LocalPlatform platform, MessageClient client) {
        this.platform = platform;
        this.client = client;
    }

    /** A new tenant with these limits (a JSON object) and instructions, once ingress accepts its key. */
    LoadTenant create(String label, String limitsJson, String instructions) {
        String name = "noisy-" + label + "-" + UUID.randomUUID();
        JsonNode created = MessageClient.read(send("POST", "/v1/tenants", "{\"name\":\"" + name + "\"}", 201));
        LoadTenant tenant = new LoadTenant(label, created.path("id").asText(), created.path("apiKey").asText());
        limits(tenant, limitsJson);
        send("PUT", "/v1/tenants/" + tenant.id() + "/assistant", "{\"instructions\":\"" + instructions + "\"}", 200);
        await().atMost(PATIENCE).until(() -> client.keyAccepted(tenant));
        return tenant;
    }

    /** Replaces the tenant's own limits ({@code {}}: the platform defaults again). */
    void limits(LoadTenant tenant, String limitsJson) {
        send("PUT", "/v1/tenants/" + tenant.id() + "/limits", limitsJson, 200);
    }

    @Override
    public void close() {
        http.close();
    }

    private String send(String method, String path, String json, int expectedStatus) {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(platform.serviceUrl(PlatformService.TENANT_SERVICE) + path))
                .timeout(PATIENCE)
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
