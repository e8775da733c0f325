package ai.aleff.tenant.discord;

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
 * The Discord REST call a connection needs at connect time ({@code GET /users/@me} with {@code Authorization: Bot
 * <token>}), over Vert.x's non-blocking client like {@code SlackWebApi}. The token travels only in the header and is
 * never logged. 401/403: the token is refused; 429: Discord's {@code retry_after}; anything else unusable: unreachable.
 */
@ApplicationScoped
public class DiscordRestApi {

    private static final Logger LOG = Logger.getLogger(DiscordRestApi.class);
    private static final String BOT_TOKEN = "bot token";
    private static final String APPLICATION_ID = "application id";
    /** The slash command channel-ingress answers (docs/channels.md, "Discord"). */
    static final String ASK_COMMAND = new JsonObject().put("name", "ask").put("type", 1)
            .put("description", "Ask the assistant")
            .put("options", new JsonArray().add(new JsonObject().put("type", 3).put("name", "question")
                    .put("description", "Your question").put("required", true).put("max_length", 4000)))
            .encode();

    private final HttpClient client;
    private final String baseUrl;
    private final long requestTimeoutMillis;

    public DiscordRestApi(Vertx vertx, ChannelSettings settings) {
        ChannelSettings.Discord discord = settings.discord();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) discord.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setMaxPoolSize(8));
        this.baseUrl = discord.apiBaseUrl().replaceAll("/+$", "");
        this.requestTimeoutMillis = discord.requestTimeout().toMillis();
    }

    /** The bot the token belongs to; a wrong token fails with {@link DiscordRefusedException}. */
    public Uni<DiscordBot> me(String botToken) {
        return call(HttpMethod.GET, "/users/@me", botToken, null)
                .map(answer -> bot(answer.status(), answer.retryAfter(), answer.body()));
    }

    /**
     * Creates or updates the application's global {@code /ask} command ({@code POST /applications/{id}/commands}:
     * Discord overwrites a command of the same name). 401 refuses the token; 403 or 404 the application id (not the
     * bot's application, or none).
     */
    public Uni<Void> registerAsk(String botToken, String applicationId) {
        return call(HttpMethod.POST, "/applications/" + applicationId + "/commands", botToken, ASK_COMMAND)
                .invoke(answer -> {
                    int status = answer.status();
                    if (status == 429) {
                        throw new DiscordRateLimitedException(seconds(json(answer.body()), answer.retryAfter()));
                    }
                    if (status == 401) {
                        throw new DiscordRefusedException(BOT_TOKEN, "creating the /ask command answered 401");
                    }
                    if (status == 403 || status == 404 || status == 400) {
                        throw new DiscordRefusedException(APPLICATION_ID, "creating the /ask command of application "
                                + applicationId + " answered " + status);
                    }
                    if (status / 100 != 2) {
                        throw new DiscordUnreachableException("creating the /ask command answered " + status);
                    }
                })
                .replaceWithVoid();
    }

    private record Answer(int status, String retryAfter, Buffer body) {
    }

    private Uni<Answer> call(HttpMethod method, String path, String botToken, String json) {
        RequestOptions request = new RequestOptions().setMethod(method)
                .setAbsoluteURI(baseUrl + path)
                .putHeader("Authorization", "Bot " + botToken)
                .putHeader("User-Agent", "DiscordBot (https://aleff.ai, 1)")
                .setIdleTimeout(requestTimeoutMillis);
        if (json != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return client.request(request)
                .chain(req -> json == null ? req.send() : req.send(Buffer.buffer(json)))
                .chain(response -> response.body().map(buffer -> new Answer(response.statusCode(),
                        response.getHeader("Retry-After"), buffer)))
                .onFailure(DiscordRestApi::isTransport)
                .transform(failure -> {
                    LOG.warnf("Discord %s failed: %s", path.startsWith("/users") ? path : "command registration",
                            failure.getClass().getSimpleName());
                    return new DiscordUnreachableException("no answer");
                });
    }

    private static JsonObject json(Buffer buffer) {
        try {
            return buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static boolean isTransport(Throwable failure) {
        return !(failure instanceof DiscordRefusedException || failure instanceof DiscordRateLimitedException
                || failure instanceof DiscordUnreachableException);
    }

    static DiscordBot bot(int status, String retryAfter, Buffer buffer) {
        JsonObject json = json(buffer);
        if (status == 429) {
            throw new DiscordRateLimitedException(seconds(json, retryAfter));
        }
        if (status == 401 || status == 403) {
            throw new DiscordRefusedException(BOT_TOKEN, "GET /users/@me answered " + status);
        }
        if (status / 100 != 2 || json == null) {
            throw new DiscordUnreachableException("HTTP " + status);
        }
        String id = json.getValue("id") instanceof String text && text.matches("[0-9]{1,20}") ? text : null;
        if (id == null) {
            throw new DiscordUnreachableException("an answer without a user id");
        }
        if (!Boolean.TRUE.equals(json.getValue("bot"))) {
            // A user token, not a bot's: Discord forbids automating user accounts.
            throw new DiscordRefusedException(BOT_TOKEN, "the token belongs to a user account, not a bot");
        }
        Object name = json.getValue("username");
        return new DiscordBot(id, name instanceof String text ? text.replaceAll("[^\\p{L}\\p{N}_.-]", "") : null);
    }

    private static long seconds(JsonObject json, String retryAfter) {
        Object body = json == null ? null : json.getValue("retry_after");
        if (body instanceof Number number) {
            return Math.max(1, (long) Math.ceil(number.doubleValue()));
        }
        try {
            return retryAfter == null ? 1 : Math.max(1, (long) Math.ceil(Double.parseDouble(retryAfter.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
