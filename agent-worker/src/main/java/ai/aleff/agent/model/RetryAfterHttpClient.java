package ai.aleff.agent.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * LangChain4j's HTTP client, except that an error response keeps its Retry-After header (as a
 * {@link ProviderHttpException}). Only the blocking call exists: the worker never streams.
 */
class RetryAfterHttpClient implements HttpClient {

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final Clock clock;

    RetryAfterHttpClient(java.net.http.HttpClient client, Duration readTimeout, Clock clock) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFiles().isEmpty() || !request.formDataFields().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by chat models");
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        String body = request.body();
        builder.method(request.method().name(), body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Connection refused, reset or timed out: the chain treats these as transient.
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the model", e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ProviderHttpException(status, response.body(),
                    response.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock)));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("the agent worker does not stream model responses");
    }
}
