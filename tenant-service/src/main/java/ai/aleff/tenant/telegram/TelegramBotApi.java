package ai.aleff.tenant.telegram;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

import ai.aleff.tenant.config.ChannelSettings;

/**
 * The three Bot API methods a connection needs ({@code getMe}, {@code setWebhook}, {@code deleteWebhook}), called
 * with Vert.x's non-blocking client, so the event loop never waits and the answer arrives on the caller's context.
 * The bot token is part of the URL path ({@code /bot<token>/<method>}): nothing here logs or reports a URL, only the
 * method name. No call is retried: the administrator's request fails with a problem and can be repeated.
 */
@ApplicationScoped
public class TelegramBotApi {

    private static final Logger LOG = Logger.getLogger(TelegramBotApi.class);
    private static final int MAX_DESCRIPTION = 200;

    private final HttpClient client;
    private final String baseUrl;
    private final long requestTimeoutMillis;

    public TelegramBotApi(Vertx vertx, ChannelSettings settings) {
        ChannelSettings.Telegram telegram = settings.telegram();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) telegram.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setMaxPoolSize(8));
        this.baseUrl = telegram.apiBaseUrl().replaceAll("/+$", "");
        this.requestTimeoutMillis = telegram.requestTimeout().toMillis();
    }

    /** The bot the token belongs to; a wrong token fails with {@link TelegramRefusedException#tokenRefused()}. */
    public Uni<TelegramBot> getMe(String token) {
        return call(token, "getMe", new JsonObject()).map(result -> {
            JsonObject bot = result instanceof JsonObject object ? object : null;
            if (bot == null || bot.getValue("id") == null) {
                throw new TelegramUnreachableException("getMe", "answer without a bot");
            }
            return new TelegramBot(String.valueOf(bot.getValue("id")), bot.getString("username"));
        });
    }

    /** Registers the webhook; Telegram then POSTs updates there with {@code secretToken} in its secret header. */
    public Uni<Void> setWebhook(String token, String url, String secretToken, List<String> allowedUpdates) {
        return call(token, "setWebhook", new JsonObject().put("url", url).put("secret_token", secretToken)
                .put("allowed_updates", new JsonArray(allowedUpdates)).put("drop_pending_updates", false))
                .replaceWithVoid();
    }

    /** Removes any webhook (getUpdates answers 409 while one is set); pending updates are kept. */
    public Uni<Void> deleteWebhook(String token) {
        return call(token, "deleteWebhook", new JsonObject().put("drop_pending_updates", false)).replaceWithVoid();
    }

    private Uni<Object> call(String token, String method, JsonObject body) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(baseUrl + "/bot" + token + "/" + method)
                .putHeader("Content-Type", "application/json")
                .setIdleTimeout(requestTimeoutMillis);
        return client.request(request)
                .chain(req -> req.send(Buffer.buffer(body.encode())))
                .chain(response -> response.body().map(buffer -> answer(method, response.statusCode(), buffer)))
                .onFailure(TelegramBotApi::isTransport)
                .transform(failure -> {
                    // The failure's message may hold the URL, so only its kind is logged.
                    LOG.warnf("Telegram %s failed: %s", method, failure.getClass().getSimpleName());
                    return new TelegramUnreachableException(method, "no answer");
                });
    }

    private static boolean isTransport(Throwable failure) {
        return !(failure instanceof TelegramRefusedException || failure instanceof TelegramRateLimitedException
                || failure instanceof TelegramUnreachableException);
    }

    private static Object answer(String method, int status, Buffer buffer) {
        JsonObject json;
        try {
            json = buffer.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new TelegramUnreachableException(method, "HTTP " + status + " without a Bot API body");
        }
        try {
            return result(method, status, json);
        } catch (ClassCastException e) {
            throw new TelegramUnreachableException(method, "HTTP " + status + " with a malformed Bot API body");
        }
    }

    private static Object result(String method, int status, JsonObject json) {
        if (json != null && Boolean.TRUE.equals(json.getValue("ok")) && status / 100 == 2) {
            return json.getValue("result");
        }
        int code = json != null && json.getValue("error_code") instanceof Number n ? n.intValue() : status;
        if (code == 429) {
            JsonObject parameters = json == null ? null : json.getJsonObject("parameters");
            long retryAfter = parameters != null && parameters.getValue("retry_after") instanceof Number n
                    ? Math.max(1, n.longValue())
                    : 1;
            throw new TelegramRateLimitedException(method, retryAfter);
        }
        if (code >= 400 && code < 500) {
            String description = json == null ? null : json.getString("description");
            throw new TelegramRefusedException(method, code, description == null ? "" : truncate(description));
        }
        LOG.warnf("Telegram %s answered HTTP %d", method, status);
        throw new TelegramUnreachableException(method, "HTTP " + status);
    }

    private static String truncate(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", " ");
        return plain.length() <= MAX_DESCRIPTION ? plain : plain.substring(0, MAX_DESCRIPTION) + "...";
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
