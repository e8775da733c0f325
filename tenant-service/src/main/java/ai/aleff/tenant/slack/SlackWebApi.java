package ai.aleff.tenant.slack;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

import ai.aleff.tenant.config.ChannelSettings;

/**
 * The Slack Web API methods a connection needs at connect time ({@code auth.test} for the bot token,
 * {@code apps.connections.open} for a Socket Mode app's app-level token), over Vert.x's non-blocking client like
 * {@code TelegramBotApi}. The token travels only in the {@code Authorization} header and is never
 * logged. Slack answers HTTP 200 with {@code "ok": false} for refusals, so {@code ok} decides, not the status.
 */
@ApplicationScoped
public class SlackWebApi {

    private static final Logger LOG = Logger.getLogger(SlackWebApi.class);
    private static final int MAX_ERROR = 100;

    private final HttpClient client;
    private final String baseUrl;
    private final long requestTimeoutMillis;

    public SlackWebApi(Vertx vertx, ChannelSettings settings) {
        ChannelSettings.Slack slack = settings.slack();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) slack.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setMaxPoolSize(8));
        this.baseUrl = slack.apiBaseUrl().replaceAll("/+$", "");
        this.requestTimeoutMillis = slack.requestTimeout().toMillis();
    }

    /** The bot the token belongs to; a wrong token fails with {@link SlackRefusedException}. */
    public Uni<SlackBot> authTest(String botToken) {
        return call(botToken, "auth.test").map(json -> {
            String userId = json.getString("user_id");
            if (userId == null || userId.isBlank()) {
                throw new SlackUnreachableException("auth.test", "answer without a user_id");
            }
            return new SlackBot(userId, json.getString("bot_id"), json.getString("team_id"));
        });
    }

    /**
     * Proves a Socket Mode app-level token ({@code xapp-...}) works: {@code apps.connections.open} answers a WebSocket
     * URL only for an app token with {@code connections:write} of an app with Socket Mode on. The URL is single use
     * and expires unused (channel-ingress opens its own); it is never logged. A refused token fails with
     * {@link SlackRefusedException} ({@code invalid_auth}, {@code not_allowed_token_type}, ...).
     */
    public Uni<Void> connectionsOpen(String appToken) {
        return call(appToken, SlackRefusedException.CONNECTIONS_OPEN).map(json -> {
            if (!(json.getValue("url") instanceof String url) || url.isBlank()) {
                throw new SlackUnreachableException(SlackRefusedException.CONNECTIONS_OPEN, "answer without a url");
            }
            return null;
        });
    }

    private Uni<JsonObject> call(String token, String method) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(baseUrl + "/" + method)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .setIdleTimeout(requestTimeoutMillis);
        return client.request(request)
                .chain(req -> req.send(Buffer.buffer("")))
                .chain(response -> response.body().map(buffer -> answer(method, response.statusCode(),
                        response.getHeader("Retry-After"), buffer)))
                .onFailure(SlackWebApi::isTransport)
                .transform(failure -> {
                    LOG.warnf("Slack %s failed: %s", method, failure.getClass().getSimpleName());
                    return new SlackUnreachableException(method, "no answer");
                });
    }

    private static boolean isTransport(Throwable failure) {
        return !(failure instanceof SlackRefusedException || failure instanceof SlackRateLimitedException
                || failure instanceof SlackUnreachableException);
    }

    static JsonObject answer(String method, int status, String retryAfter, Buffer buffer) {
        if (status == 429) {
            throw new SlackRateLimitedException(method, seconds(retryAfter));
        }
        JsonObject json;
        try {
            json = buffer.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new SlackUnreachableException(method, "HTTP " + status + " without a Web API body");
        }
        if (status / 100 != 2 || json == null) {
            throw new SlackUnreachableException(method, "HTTP " + status);
        }
        if (Boolean.TRUE.equals(json.getValue("ok"))) {
            return json;
        }
        Object error = json.getValue("error");
        String code = error instanceof String text ? text.replaceAll("[^A-Za-z0-9_.-]", "") : "unknown_error";
        throw new SlackRefusedException(method, code.length() > MAX_ERROR ? code.substring(0, MAX_ERROR) : code);
    }

    private static long seconds(String retryAfter) {
        try {
            return retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
