package ai.aleff.e2e.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import ai.aleff.deploy.LocalPlatform;

/**
 * Makes the matrix's calls with the JDK's HTTP client: one client for every cell, and server-sent event streams read
 * only up to their headers, then closed.
 */
final class MatrixClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LocalPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    MatrixClient(LocalPlatform platform) {
        this.platform = platform;
    }

    /** What came back: the status, the content type ("" when none) and the body ("" for a stream). */
    record Answer(int status, String contentType, String body) {
    }

    Answer call(MatrixEndpoint endpoint, MatrixIdentity identity, MatrixEndpoint.Request request) {
        HttpRequest.Builder builder = HttpRequest
                .newBuilder(URI.create(platform.serviceUrl(endpoint.service()) + request.path()))
                .timeout(TIMEOUT)
                .method(endpoint.method(), request.jsonBody() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.jsonBody()));
        if (request.jsonBody() != null) {
            builder.header("Content-Type", "application/json");
        }
        if (identity.bearer() != null) {
            builder.header("Authorization", "Bearer " + identity.bearer());
        }
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream body = response.body()) {
                // An open stream never ends: its status and headers are the answer. A refusal is a plain body.
                boolean openStream = request.stream() && response.statusCode() == 200;
                String text = openStream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), contentType, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(endpoint.operation() + " as " + identity.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
