package ai.aleff.ingress.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Slack's {@code apps.connections.open} (https://api.slack.com/methods/apps.connections.open) over the JDK HTTP
 * client, blocking: called only from the Socket Mode loops' virtual threads. The app token goes in the
 * {@code Authorization} header; neither it nor the answered URL (a single-use ticket) is ever logged. The answered URL
 * must be {@code wss://} ({@code ws://} only when the configured API base URL is plain http, i.e. an emulator).
 */
@ApplicationScoped
public class SlackConnectionsOpen {

    /** Errors that another attempt may get past; every other {@code ok:false} is a refusal of the app token. */
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "request_timeout",
            "service_unavailable", "ratelimited");

    private final String apiBaseUrl;
    private final SlackSocketSettings settings;
    private final ObjectMapper json;
    private final HttpClient client;

    public SlackConnectionsOpen(
            @ConfigProperty(name = "aleff.channels.slack.api-base-url", defaultValue = "https://slack.com/api") String apiBaseUrl,
            SlackSocketSettings settings, ObjectMapper json) {
        this.apiBaseUrl = apiBaseUrl.replaceAll("/+$", "");
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-socket-http-", 0)
                        .factory()))
                .build();
    }

    /** The client that also opens the WebSockets (same timeouts, no redirects, virtual threads). */
    HttpClient client() {
        return client;
    }

    /**
     * One call. Interrupting the calling thread cancels it.
     *
     * @throws IOException on a network error or timeout
     */
    ConnectionsOpenOutcome open(String appToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl + "/apps.connections.open"))
                .timeout(settings.connectTimeout())
                .header("Authorization", "Bearer " + appToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getClass().getSimpleName() + " calling apps.connections.open", cause);
        }
        return outcome(json, apiBaseUrl.startsWith("http://"), response.statusCode(),
                response.headers().firstValueAsLong("Retry-After"), response.body());
    }

    /**
     * What an answer means. {@code plainAllowed}: whether a {@code ws://} URL is taken (the API base URL is plain
     * http, i.e. an emulator); otherwise only {@code wss://}.
     */
    static ConnectionsOpenOutcome outcome(ObjectMapper json, boolean plainAllowed, int status, OptionalLong retryAfter,
            byte[] body) {
        if (status == 429) {
            return new ConnectionsOpenOutcome.RetryAfter(Duration.ofSeconds(Math.max(1, retryAfter.orElse(5))));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new ConnectionsOpenOutcome.Failed("HTTP " + status + ", unreadable answer");
        }
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown_error").replaceAll("[^a-z_]", "");
            if (status >= 500 || TRANSIENT.contains(error)) {
                return new ConnectionsOpenOutcome.Failed("HTTP " + status + " " + error);
            }
            return new ConnectionsOpenOutcome.Refused(error);
        }
        return socketUrl(answer.path("url").asText(""), plainAllowed)
                .<ConnectionsOpenOutcome>map(ConnectionsOpenOutcome.SocketUrl::new)
                .orElseGet(() -> new ConnectionsOpenOutcome.Failed("the answer's url is not a WebSocket URL"));
    }

    private static Optional<URI> socketUrl(String url, boolean plainAllowed) {
        try {
            URI uri = new URI(url);
            boolean scheme = "wss".equals(uri.getScheme()) || plainAllowed && "ws".equals(uri.getScheme());
            return scheme && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
