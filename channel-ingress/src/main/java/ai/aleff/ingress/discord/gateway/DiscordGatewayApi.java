package ai.aleff.ingress.discord.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.discord.DiscordSettings;

/**
 * Discord's {@code GET /gateway/bot} (the Gateway URL and the bot's session start limit) over the JDK HTTP client,
 * blocking: called only from the Gateway loops' virtual threads, before each IDENTIFY. The bot token goes in the
 * {@code Authorization} header and is never logged. The answered URL must be {@code wss://} ({@code ws://} only when
 * the configured API base URL is plain http, i.e. an emulator); so must a READY's {@code resume_gateway_url}.
 */
@ApplicationScoped
public class DiscordGatewayApi {

    private static final String USER_AGENT = "DiscordBot (https://aleff.ai, 1)";

    private final String apiBaseUrl;
    private final DiscordGatewaySettings settings;
    private final ObjectMapper json;
    private final HttpClient client;

    public DiscordGatewayApi(DiscordSettings discord, DiscordGatewaySettings settings, ObjectMapper json) {
        this.apiBaseUrl = discord.apiBaseUrl().replaceAll("/+$", "");
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("discord-gateway-http-", 0)
                        .factory()))
                .build();
    }

    /** The client that also opens the WebSockets (same timeouts, no redirects, virtual threads). */
    HttpClient client() {
        return client;
    }

    /** Whether {@code ws://} URLs are taken (the API is an emulator on plain http). */
    boolean plainAllowed() {
        return apiBaseUrl.startsWith("http://");
    }

    /**
     * One call. Interrupting the calling thread cancels it.
     *
     * @throws IOException on a network error or timeout
     */
    GatewayBotOutcome gatewayBot(String botToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl + "/gateway/bot"))
                .timeout(settings.connectTimeout())
                .header("Authorization", "Bot " + botToken)
                .header("User-Agent", USER_AGENT)
                .GET()
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
            throw new IOException(cause.getClass().getSimpleName() + " calling GET /gateway/bot", cause);
        }
        return outcome(response.statusCode(), response.body());
    }

    /** What an answer means. */
    GatewayBotOutcome outcome(int status, byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (status == 429) {
            double seconds = answer == null ? 5 : answer.path("retry_after").asDouble(5);
            return new GatewayBotOutcome.RetryAfter(Duration.ofMillis((long) (Math.max(1, seconds) * 1000)));
        }
        if (status == 401 || status == 403) {
            return new GatewayBotOutcome.Refused("GET /gateway/bot answered " + status);
        }
        if (status / 100 != 2 || answer == null || !answer.isObject()) {
            return new GatewayBotOutcome.Failed("GET /gateway/bot answered " + status);
        }
        JsonNode limit = answer.path("session_start_limit");
        Optional<URI> url = socketUrl(answer.path("url").asText(""));
        if (url.isEmpty() || !limit.path("remaining").isInt()) {
            return new GatewayBotOutcome.Failed("GET /gateway/bot answered without a WebSocket URL or start limit");
        }
        return new GatewayBotOutcome.Gateway(url.get(), limit.path("total").asInt(1000),
                limit.path("remaining").asInt(), Duration.ofMillis(Math.max(0, limit.path("reset_after").asLong(0))));
    }

    /** The URL to open for a Gateway base URL: version 10, JSON, no compression. Empty when it is not a WebSocket. */
    Optional<URI> socketUrl(String base) {
        try {
            URI uri = new URI(base);
            boolean scheme = "wss".equals(uri.getScheme()) || plainAllowed() && "ws".equals(uri.getScheme());
            if (!scheme || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", "v=10&encoding=json",
                    null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
