package ai.aleff.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/** Connects a channel for the harness's tenant through tenant-service's API, as a tenant administrator does. */
final class ChannelConnector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final String tenantId;

    ChannelConnector(LocalPlatform platform, String tenantId) {
        this.platform = platform;
        this.tenantId = tenantId;
    }

    /** {@code POST /v1/tenants/{id}/channels} with {@code body}; the 201's body. */
    JsonNode connect(JsonNode body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                platform.serviceUrl(PlatformService.TENANT_SERVICE) + "/v1/tenants/" + tenantId + "/channels"))
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Connecting " + body.path("type").asText() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
