package ai.aleff.agent.model;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.EgressTarget;

/**
 * LangChain4j's HTTP client for model calls. Every request passes the {@link EgressGuard} first and then connects
 * to the one address the guard checked (the Host header, the TLS server name and the certificate check keep the
 * URL's host), so a name that resolves differently the second time cannot lead it elsewhere. It follows no
 * redirect, and an error response keeps its Retry-After header (as a {@link ProviderHttpException}). Only the
 * blocking call exists: the worker never streams, and calls it on a virtual thread.
 */
class GuardedHttpClient implements HttpClient {

    private record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    private final io.vertx.core.http.HttpClient client;
    private final Context context;
    private final EgressGuard guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Clock clock;

    GuardedHttpClient(io.vertx.core.http.HttpClient client, Context context, EgressGuard guard,
            Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.client = client;
        this.context = context;
        this.guard = guard;
        this.connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        this.clock = clock;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFiles().isEmpty() || !request.formDataFields().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by chat models");
        }
        EgressTarget target = guard.resolve(request.url());
        Answer answer = send(request, target);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new ProviderHttpException(answer.status(), answer.body(),
                    first(answer.headers(), "Retry-After").flatMap(v -> RetryAfter.parse(v, clock)));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(answer.status())
                .headers(answer.headers())
                .body(answer.body())
                .build();
    }

    private Answer send(HttpRequest request, EgressTarget target) {
        String host = target.host().startsWith("[")
                ? target.host().substring(1, target.host().length() - 1)
                : target.host();
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/"
                : target.uri().getRawPath();
        String query = target.uri().getRawQuery();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method().name()))
                .setHost(host)
                .setPort(target.port())
                .setSsl("https".equalsIgnoreCase(target.uri().getScheme()))
                .setURI(query == null ? path : path + "?" + query)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(readTimeout.toMillis());
        request.headers().forEach((name, values) -> values.forEach(value -> options.addHeader(name, value)));
        String body = request.body();
        // Every call starts on the one context of the client, so its pooled connections and every callback below share
        // one event loop: the body handler is attached in the same event that delivers the response. Started from
        // the calling (virtual) thread instead, a reused connection of another context delivered the response one
        // hop later, and a small chunked body could be gone before the handler was set (an empty 200 body).
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        context.runOnContext(ignored -> client.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body, "UTF-8")))
                .compose(response -> response.body().map(buffer -> new Answer(response.statusCode(),
                        headers(response.headers()), buffer.toString(StandardCharsets.UTF_8))))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answer.complete(result.result());
                    } else {
                        answer.completeExceptionally(result.cause());
                    }
                }));
        try {
            return answer.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Connection refused, reset or timed out: the chain treats these as transient.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            ConnectException failure = new ConnectException("model call failed: " + cause.getClass().getSimpleName());
            failure.initCause(cause);
            throw new UncheckedIOException(failure);
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new java.net.SocketTimeoutException("model call timed out"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the model", e);
        }
    }

    private static Map<String, List<String>> headers(io.vertx.core.MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(entry -> map.computeIfAbsent(entry.getKey().toLowerCase(java.util.Locale.ROOT),
                key -> new ArrayList<>()).add(entry.getValue()));
        return map;
    }

    private static java.util.Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("the agent worker does not stream model responses");
    }
}
