package ai.aleff.ingress.whatsapp;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
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
 * WhatsApp's side of delivery: a Cloud API text message ({@code POST /{phone-number-id}/messages}), the first part
 * quoting the user's message ({@code context.message_id}). Error 131047 (more than 24 hours since the user wrote)
 * fails the part as "window closed"; the throughput and pair limits (130429, 131056, 80007, HTTP 429) wait for
 * {@code Retry-After} or the backoff.
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    /** WhatsApp's limit of a text message body, in characters. */
    public static final int LIMIT = 4096;
    private static final int WINDOW_CLOSED = 131047;
    private static final Set<Integer> THROTTLED = Set.of(130429, 131056, 80007, 4);

    private static final Logger LOG = Logger.getLogger(WhatsAppSender.class);

    private final ChannelConnections connections;
    private final PlatformHttp http;
    private final DeliverySettings settings;
    private final String graphBaseUrl;

    public WhatsAppSender(ChannelConnections connections, PlatformHttp http, DeliverySettings settings,
            @ConfigProperty(name = "aleff.channels.whatsapp.graph-base-url", defaultValue = "https://graph.facebook.com/v21.0") String graphBaseUrl) {
        this.connections = connections;
        this.http = http;
        this.settings = settings;
        this.graphBaseUrl = graphBaseUrl.endsWith("/")
                ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1)
                : graphBaseUrl;
    }

    @Override
    public String channel() {
        return "whatsapp";
    }

    @Override
    public List<FormattedPart> format(String markdown) {
        return MessageSplitter.splitPlain(WhatsAppMarkdown.toWhatsApp(markdown), LIMIT).stream()
                .map(text -> new FormattedPart(text, text))
                .toList();
    }

    @Override
    public FormattedPart formatImage(String alt, String url) {
        return new FormattedPart(alt, alt, url);
    }

    @Override
    public List<RateGate.Key> rateKeys(SendPart part) {
        return List.of(new RateGate.Key("wa:number:" + part.connectionId(),
                settings.whatsappNumberGap().toMillis() / 1000.0),
                new RateGate.Key("wa:user:" + part.connectionId() + ":" + part.chatId(),
                        settings.whatsappUserGap().toMillis() / 1000.0));
    }

    @Override
    public Uni<SendOutcome> send(ChannelConnection connection, SendPart part) {
        String token;
        String phoneNumberId = connection.settings().phoneNumberId();
        try {
            token = connections.credential(connection, ChannelConnectionChanged.ACCESS_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new SendOutcome.Failed(e.getMessage(), false));
        }
        if (phoneNumberId == null || !phoneNumberId.matches("[0-9]{1,32}")) {
            return Uni.createFrom().item(new SendOutcome.Failed("the connection has no valid phoneNumberId", false));
        }
        JsonObject body = new JsonObject().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", part.chatId());
        if (part.mediaUrl() != null) {
            JsonObject image = new JsonObject().put("link", part.mediaUrl());
            if (!part.body().isBlank()) {
                image.put("caption", part.body());
            }
            body.put("type", "image").put("image", image);
        } else {
            body.put("type", "text")
                    .put("text", new JsonObject().put("preview_url", false).put("body", part.body()));
        }
        if (part.index() == 0 && part.replyTo() != null) {
            body.put("context", new JsonObject().put("message_id", part.replyTo()));
        }
        return http.postJson(URI.create(graphBaseUrl + "/" + phoneNumberId + "/messages"), "Bearer " + token,
                body.encode())
                .map(WhatsAppSender::interpret)
                .onFailure().recoverWithItem(PlatformHttp::transportFailure);
    }

    /** Marks the user's message read and shows typing (WhatsApp keeps it up to 25 s or until we reply): once. */
    @Override
    public Uni<Boolean> showTyping(ChannelConnection connection, ChannelMessage message) {
        String token;
        String phoneNumberId = connection.settings().phoneNumberId();
        try {
            token = connections.credential(connection, ChannelConnectionChanged.ACCESS_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(false);
        }
        if (phoneNumberId == null || !phoneNumberId.matches("[0-9]{1,32}")) {
            return Uni.createFrom().item(false);
        }
        JsonObject body = new JsonObject().put("messaging_product", "whatsapp").put("status", "read")
                .put("message_id", message.platformMessageId())
                .put("typing_indicator", new JsonObject().put("type", "text"));
        return http.postJson(URI.create(graphBaseUrl + "/" + phoneNumberId + "/messages"), "Bearer " + token,
                body.encode(), settings.typingRequestTimeout())
                .invoke(response -> {
                    if (response.statusCode() != 200) {
                        LOG.debugf("Mark-as-read for connection %s answered %d: skipped", connection.connectionId(),
                                response.statusCode());
                    }
                })
                .replaceWith(false)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Mark-as-read for connection %s failed (%s): skipped", connection.connectionId(),
                            e.getClass().getSimpleName());
                    return false;
                });
    }

    static SendOutcome interpret(HttpResponse<String> response) {
        JsonObject json = PlatformHttp.jsonBody(response);
        int status = response.statusCode();
        if (status == 200) {
            JsonArray messages = json.getJsonArray("messages", new JsonArray());
            String id = messages.isEmpty() ? null : messages.getJsonObject(0).getString("id");
            return id == null
                    ? new SendOutcome.Unconfirmed("messages answered 200 without a message id")
                    : new SendOutcome.Sent(id);
        }
        JsonObject error = json.getJsonObject("error", new JsonObject());
        int code = error.getInteger("code", 0);
        String description = "messages answered " + status + ", error " + code + ": " + error.getString("message", "");
        if (code == WINDOW_CLOSED) {
            return new SendOutcome.Failed(description, true);
        }
        if (status == 429 || THROTTLED.contains(code)) {
            double after = retryAfter(response).orElse(-1.0);
            return new SendOutcome.Retry(after, after >= 0, description);
        }
        if (status >= 500) {
            return new SendOutcome.Retry(-1, false, description);
        }
        return new SendOutcome.Failed(description, false);
    }

    private static Optional<Double> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Math.max(0, Double.parseDouble(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
