package ai.aleff.ingress.delivery;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The one HTTP client of delivery: the JDK client, which retries nothing by itself (a send is not idempotent) and
 * follows no redirect, with its callbacks on virtual threads. URLs carry the bot token (Telegram), so neither they
 * nor the client's exception messages are ever logged or stored: {@link #transportFailure} keeps only the kind.
 */
@ApplicationScoped
public class PlatformHttp {

    private final HttpClient client;
    private final DeliverySettings settings;

    public PlatformHttp(DeliverySettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-http-", 0).factory()))
                .build();
    }

    /** POSTs JSON once; {@code authorization} may be null. */
    public Uni<HttpResponse<String>> postJson(URI uri, String authorization, String json) {
        return postJson(uri, authorization, json, settings.requestTimeout());
    }

    /** POSTs JSON once, giving up on the answer after {@code timeout} (cosmetic calls: typing). */
    public Uni<HttpResponse<String>> postJson(URI uri, String authorization, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Uni.createFrom().completionStage(() -> client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Sends JSON once with {@code method} ({@code POST}, {@code PATCH}) and the extra {@code headers} (Discord asks for
     * its {@code User-Agent} form); {@code authorization} may be null.
     */
    public Uni<HttpResponse<String>> sendJson(String method, URI uri, String authorization, String json,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Uni.createFrom().completionStage(() -> client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * What a call that got no answer means: not connected (nothing was sent, try again) or connected without an
     * answer (the platform may have the message: unconfirmed, never sent again).
     */
    /** The answer's body as JSON; an empty object when it is none (a proxy's HTML page, an empty 502). */
    public static JsonObject jsonBody(HttpResponse<String> response) {
        try {
            return new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }

    public static SendOutcome transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException) {
            return new SendOutcome.Retry(-1, false, "could not connect (" + cause.getClass().getSimpleName() + ")");
        }
        return new SendOutcome.Unconfirmed("no answer after the request was sent (" + cause.getClass().getSimpleName()
                + ")");
    }
}
