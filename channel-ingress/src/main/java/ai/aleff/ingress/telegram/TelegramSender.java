package ai.aleff.ingress.telegram;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.delivery.ChannelSender;
import ai.aleff.ingress.delivery.DeliverySettings;
import ai.aleff.ingress.delivery.MessageSplitter;
import ai.aleff.ingress.delivery.PlatformHttp;
import ai.aleff.ingress.delivery.RateGate;
import ai.aleff.ingress.delivery.SendOutcome;
import ai.aleff.ingress.delivery.SendPart;
import ai.aleff.ingress.repository.ChannelMessage;

/**
 * Telegram's side of delivery: {@code sendMessage} with {@code parse_mode=HTML}, the first part replying to the
 * user's message ({@code reply_parameters}, sent even when that message is gone), forum topics by
 * {@code message_thread_id}. A 400 "can't parse entities" is answered by sending the same part as plain text (the
 * first call sent nothing). 429's {@code parameters.retry_after} is passed on.
 */
@ApplicationScoped
public class TelegramSender implements ChannelSender {

    /** Telegram's limit per message, in characters after entity parsing. */
    public static final int LIMIT = 4096;

    private static final Logger LOG = Logger.getLogger(TelegramSender.class);

    private final ChannelConnections connections;
    private final PlatformHttp http;
    private final DeliverySettings settings;
    private final String apiBaseUrl;

    public TelegramSender(ChannelConnections connections, PlatformHttp http, DeliverySettings settings,
            @ConfigProperty(name = "aleff.channels.telegram.api-base-url", defaultValue = "https://api.telegram.org") String apiBaseUrl) {
        this.connections = connections;
        this.http = http;
        this.settings = settings;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    @Override
    public String channel() {
        return "telegram";
    }

    @Override
    public List<FormattedPart> format(String markdown) {
        return MessageSplitter.splitHtml(TelegramMarkdown.toHtml(markdown), LIMIT).stream()
                .map(html -> new FormattedPart(html, MessageSplitter.visibleText(html)))
                .toList();
    }

    @Override
    public FormattedPart formatImage(String alt, String url) {
        return new FormattedPart(TelegramHtml.escapeText(alt), alt, url);
    }

    @Override
    public List<RateGate.Key> rateKeys(SendPart part) {
        boolean group = part.chatId().startsWith("-");
        return List.of(new RateGate.Key("tg:bot:" + part.connectionId(), seconds(settings.telegramBotGap())),
                new RateGate.Key("tg:chat:" + part.connectionId() + ":" + part.chatId(),
                        seconds(group ? settings.telegramGroupGap() : settings.telegramChatGap())));
    }

    @Override
    public Uni<SendOutcome> send(ChannelConnection connection, SendPart part) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new SendOutcome.Failed(e.getMessage(), false));
        }
        String method = part.mediaUrl() != null ? "sendPhoto" : "sendMessage";
        return call(token, method, message(part, true)).chain(outcome -> outcome == PARSE_ERROR
                ? call(token, method, message(part, false)).map(plain -> plain == PARSE_ERROR
                        ? new SendOutcome.Failed("Telegram refused the plain text too", false)
                        : plain)
                : Uni.createFrom().item(outcome))
                .chain(outcome -> part.mediaUrl() != null && outcome instanceof SendOutcome.Failed failed
                        && failed.error().contains(" answered 400:")
                                ? call(token, "sendMessage", photoAsLink(part))
                                : Uni.createFrom().item(outcome));
    }

    /**
     * A photo Telegram refused with 400 (it could not fetch the URL, or not as an image): nothing was sent, so the
     * part goes once as a text message with the caption and the link (its preview may still show the image), and
     * the rest of the reply follows instead of failing with it.
     */
    private static JsonObject photoAsLink(SendPart part) {
        String link = TelegramHtml.link(part.mediaUrl(), part.mediaUrl())
                .orElse(TelegramHtml.escapeText(part.mediaUrl()));
        JsonObject body = new JsonObject().put("chat_id", part.chatId()).put("parse_mode", "HTML")
                .put("text", part.body().isBlank() ? link : part.body() + "\n" + link);
        if (part.threadId() != null) {
            body.put("message_thread_id", Long.parseLong(part.threadId()));
        }
        if (part.index() == 0 && part.replyTo() != null) {
            body.put("reply_parameters", new JsonObject().put("message_id", Long.parseLong(part.replyTo()))
                    .put("allow_sending_without_reply", true));
        }
        return body;
    }

    @Override
    public Uni<Boolean> showTyping(ChannelConnection connection, ChannelMessage message) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(false);
        }
        JsonObject body = new JsonObject().put("chat_id", message.chatId()).put("action", "typing");
        if (message.threadId() != null) {
            body.put("message_thread_id", Long.parseLong(message.threadId()));
        }
        return http.postJson(URI.create(apiBaseUrl + "/bot" + token + "/sendChatAction"), null, body.encode(),
                settings.typingRequestTimeout())
                .map(response -> {
                    if (response.statusCode() == 200) {
                        return true;
                    }
                    // A 429 is Telegram's budget for our replies: typing gives way, it is not retried.
                    LOG.debugf("sendChatAction for connection %s answered %d: typing stops", connection.connectionId(),
                            response.statusCode());
                    return false;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("sendChatAction for connection %s failed (%s): typing stops",
                            connection.connectionId(), e.getClass().getSimpleName());
                    return false;
                });
    }

    /** Marks the answer "can't parse entities": nothing was sent, the part goes again as plain text. */
    private static final SendOutcome PARSE_ERROR = new SendOutcome.Failed("can't parse entities", false);

    private JsonObject message(SendPart part, boolean html) {
        JsonObject body = new JsonObject().put("chat_id", part.chatId());
        if (part.mediaUrl() != null) {
            body.put("photo", part.mediaUrl()).put("caption", html ? part.body() : part.plainBody());
        } else {
            body.put("text", html ? part.body() : part.plainBody())
                    .put("link_preview_options", new JsonObject().put("is_disabled", true));
        }
        if (html) {
            body.put("parse_mode", "HTML");
        }
        if (part.threadId() != null) {
            body.put("message_thread_id", Long.parseLong(part.threadId()));
        }
        if (part.index() == 0 && part.replyTo() != null) {
            body.put("reply_parameters", new JsonObject().put("message_id", Long.parseLong(part.replyTo()))
                    .put("allow_sending_without_reply", true));
        }
        return body;
    }

    private Uni<SendOutcome> call(String token, String method, JsonObject body) {
        return http.postJson(URI.create(apiBaseUrl + "/bot" + token + "/" + method), null, body.encode())
                .map(TelegramSender::interpret)
                .onFailure().recoverWithItem(PlatformHttp::transportFailure);
    }

    static SendOutcome interpret(HttpResponse<String> response) {
        JsonObject json = PlatformHttp.jsonBody(response);
        int status = response.statusCode();
        String description = "sendMessage answered " + status + ": " + json.getString("description", "");
        if (status == 200 && json.getBoolean("ok", false)) {
            JsonObject result = json.getJsonObject("result", new JsonObject());
            Object id = result.getValue("message_id");
            return id == null
                    ? new SendOutcome.Unconfirmed("sendMessage answered ok without a message_id")
                    : new SendOutcome.Sent(id.toString());
        }
        if (status == 429) {
            JsonObject parameters = json.getJsonObject("parameters", new JsonObject());
            return new SendOutcome.Retry(parameters.getNumber("retry_after", 1).doubleValue(), true, description);
        }
        if (status == 400 && description.contains("can't parse entities")) {
            return PARSE_ERROR;
        }
        if (status >= 500) {
            return new SendOutcome.Retry(-1, false, description);
        }
        return new SendOutcome.Failed(description, false);
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }
}
