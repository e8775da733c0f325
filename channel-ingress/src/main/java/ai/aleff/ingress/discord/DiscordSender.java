package ai.aleff.ingress.discord;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.delivery.ChannelSender;
import ai.aleff.ingress.delivery.PlatformHttp;
import ai.aleff.ingress.delivery.RateGate;
import ai.aleff.ingress.delivery.SendOutcome;
import ai.aleff.ingress.delivery.SendPart;
import ai.aleff.ingress.repository.ChannelMessage;

/**
 * Discord's side of delivery. While the interaction's token is valid ({@code token-validity}, 14 of Discord's 15
 * minutes) the reply goes through the interaction's webhook: the first part of the first reply replaces the deferred
 * "thinking" response ({@code PATCH /webhooks/{app}/{token}/messages/@original}), later parts are follow-ups
 * ({@code POST /webhooks/{app}/{token}}). After that, or when Discord says the token is no longer valid (401, 404:
 * nothing was posted), a part goes as a channel message ({@code POST /channels/{id}/messages},
 * {@code Authorization: Bot}). A reply to a message that came over the Gateway (no interaction is stored for it)
 * goes as channel messages, the first part a reply to the user's message ({@code message_reference}, with
 * {@code fail_if_not_exists: false} so a deleted message does not fail the reply). Every post carries
 * {@code allowed_mentions: {"parse": []}}, so the model can never ping {@code @everyone}, {@code @here}, a role or a
 * user (the reply's reference does not ping its author either: {@code replied_user} is false).
 *
 * <p>
 * Typing: while the agent works on a Gateway message, {@code POST /channels/{id}/typing} (Discord shows it for about
 * 10 seconds, so it is repeated); an interaction shows Discord's own "thinking" instead.
 *
 * <p>
 * Rate limits: a 429 waits Discord's {@code retry_after} (the JSON body's seconds, else {@code Retry-After}), costs no
 * attempt and holds the part's keys (the bot's and the channel's, so a global 429 holds every channel of the bot); an
 * answer with {@code X-RateLimit-Remaining: 0} holds the channel's key for {@code X-RateLimit-Reset-After}, so the
 * next part waits instead of earning a 429. Each part is posted once: the send records claim it before the call and
 * an answerless call is unconfirmed, never repeated.
 */
@ApplicationScoped
public class DiscordSender implements ChannelSender {

    private static final Logger LOG = Logger.getLogger(DiscordSender.class);
    /** Discord asks every bot to name itself this way. */
    private static final Map<String, String> HEADERS = Map.of("User-Agent", "DiscordBot (https://aleff.ai, 1)");
    /** No mention in anything the model writes pings anyone. */
    private static final JsonObject NO_MENTIONS = new JsonObject().put("parse", new JsonArray())
            .put("replied_user", false);

    private final ChannelConnections connections;
    private final DiscordInteractions interactions;
    private final PlatformHttp http;
    private final RateGate rates;
    private final DiscordSettings settings;
    private final String apiBaseUrl;

    public DiscordSender(ChannelConnections connections, DiscordInteractions interactions, PlatformHttp http,
            RateGate rates, DiscordSettings settings) {
        this.connections = connections;
        this.interactions = interactions;
        this.http = http;
        this.rates = rates;
        this.settings = settings;
        this.apiBaseUrl = settings.apiBaseUrl().replaceAll("/+$", "");
    }

    @Override
    public String channel() {
        return "discord";
    }

    @Override
    public List<FormattedPart> format(String markdown) {
        return DiscordText.parts(markdown, settings.maxLines()).stream()
                .map(text -> new FormattedPart(text, text))
                .toList();
    }

    /** Discord shows an image link as the image itself: the alt text, then the URL. */
    @Override
    public FormattedPart formatImage(String alt, String url) {
        String caption = alt == null || alt.isBlank() ? "" : DiscordText.neutralise(alt.strip()) + "\n";
        String text = caption + url;
        return new FormattedPart(text, text);
    }

    @Override
    public List<RateGate.Key> rateKeys(SendPart part) {
        return List.of(new RateGate.Key(botKey(part), settings.botGap().toMillis() / 1000.0),
                new RateGate.Key(channelKey(part), settings.channelGap().toMillis() / 1000.0));
    }

    @Override
    public Uni<SendOutcome> send(ChannelConnection connection, SendPart part) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new SendOutcome.Failed(e.getMessage(), false));
        }
        JsonObject body = new JsonObject().put("content", part.body()).put("allowed_mentions", NO_MENTIONS);
        return interactions.webhook(part.tenantId(), part.replyTo())
                .chain(webhook -> webhook.isEmpty()
                        ? channelMessage(part, reference(part, body), token)
                        : webhook.filter(w -> w.ageSeconds() < settings.tokenValidity().toSeconds())
                                .map(w -> viaWebhook(w, part, body, token))
                                .orElseGet(() -> channelMessage(part, body, token)))
                // Only the database can fail here (calls answer every transport failure themselves), and only
                // before a request left: nothing was posted, so the part is tried again.
                .onFailure().recoverWithItem(e -> new SendOutcome.Retry(-1, false,
                        "could not read the interaction (" + e.getClass().getSimpleName() + ")"));
    }

    /**
     * Shows typing in the channel of a Gateway message (an interaction already shows Discord's "thinking"); true
     * while Discord accepts it, as it fades after about 10 seconds. Best-effort: a refusal or failure ends it.
     */
    @Override
    public Uni<Boolean> showTyping(ChannelConnection connection, ChannelMessage message) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(false);
        }
        return interactions.webhook(message.tenantId(), message.platformMessageId())
                .chain(webhook -> webhook.isPresent()
                        ? Uni.createFrom().item(false)
                        : http.sendJson("POST", URI.create(apiBaseUrl + "/channels/" + message.chatId() + "/typing"),
                                "Bot " + token, "{}", HEADERS)
                                .map(response -> {
                                    if (response.statusCode() / 100 == 2) {
                                        return true;
                                    }
                                    // A 429 is the bot's budget for replies: typing gives way, it is not retried.
                                    LOG.debugf("Typing for connection %s answered %d: typing stops",
                                            connection.connectionId(), response.statusCode());
                                    return false;
                                }))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Typing for connection %s failed (%s): typing stops", connection.connectionId(),
                            e.getClass().getSimpleName());
                    return false;
                });
    }

    /** The first part of a reply to a Gateway message answers the user's message; later parts follow it. */
    private static JsonObject reference(SendPart part, JsonObject body) {
        if (part.index() != 0 || part.replyTo() == null || !part.replyTo().matches("[0-9]{1,20}")) {
            return body;
        }
        return body.copy().put("message_reference", new JsonObject().put("message_id", part.replyTo())
                .put("channel_id", part.chatId()).put("fail_if_not_exists", false));
    }

    private Uni<SendOutcome> viaWebhook(DiscordInteractions.Webhook webhook, SendPart part, JsonObject body,
            String botToken) {
        String base = apiBaseUrl + "/webhooks/" + webhook.applicationId() + "/" + webhook.token();
        Uni<Boolean> original = part.index() == 0
                ? interactions.claimOriginal(part.tenantId(), part.replyTo(), part.replyId())
                : Uni.createFrom().item(false);
        return original.chain(first -> call(first ? "PATCH" : "POST",
                URI.create(first ? base + "/messages/@original" : base), null, body, part,
                first ? "edit of the original response" : "follow-up"))
                .chain(answer -> answer.tokenRefused()
                        ? channelMessage(part, body, botToken)
                        : Uni.createFrom().item(answer.outcome()));
    }

    private Uni<SendOutcome> channelMessage(SendPart part, JsonObject body, String botToken) {
        return call("POST", URI.create(apiBaseUrl + "/channels/" + part.chatId() + "/messages"), "Bot " + botToken,
                body, part, "channel message").map(Answer::outcome);
    }

    private Uni<Answer> call(String method, URI uri, String authorization, JsonObject body, SendPart part,
            String what) {
        return http.sendJson(method, uri, authorization, body.encode(), HEADERS)
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        return Uni.createFrom().item(new Answer(PlatformHttp.transportFailure(failure)));
                    }
                    Answer answer = interpret(response, what, authorization == null);
                    if (answer.tokenRefused()) {
                        LOG.infof("Part %d of reply %s: %s; sent as a channel message instead", part.index(),
                                part.replyId(), answer.outcome());
                    }
                    // Pacing only: a failure to record it must not turn a sent part into anything else.
                    return exhausted(response).map(seconds -> rates.hold(part.tenantId(), channelKey(part), seconds)
                            .onFailure().recoverWithNull().replaceWith(answer))
                            .orElseGet(() -> Uni.createFrom().item(answer));
                });
    }

    /**
     * What a call's answer means; {@code tokenRefused} when an interaction webhook refused its token (401, 404: it
     * expired or is unknown), so nothing was posted and the part may go as a channel message.
     */
    record Answer(SendOutcome outcome, boolean tokenRefused) {

        Answer(SendOutcome outcome) {
            this(outcome, false);
        }
    }

    /** What Discord answered; {@code webhook} when the call went to an interaction webhook (no bot token). */
    static Answer interpret(HttpResponse<String> response, String what, boolean webhook) {
        int status = response.statusCode();
        JsonObject json = PlatformHttp.jsonBody(response);
        if (status == 429) {
            double after = retryAfter(response, json).orElse(-1.0);
            boolean global = Boolean.TRUE.equals(json.getValue("global"))
                    || "true".equalsIgnoreCase(response.headers().firstValue("X-RateLimit-Global").orElse(""));
            String bucket = response.headers().firstValue("X-RateLimit-Bucket").orElse("?")
                    .replaceAll("[^A-Za-z0-9]", "");
            return new Answer(new SendOutcome.Retry(after, after >= 0, what + " answered 429"
                    + (global ? " (global)" : "") + ", bucket " + bucket));
        }
        if (status >= 500) {
            return new Answer(new SendOutcome.Retry(-1, false, what + " answered " + status));
        }
        if (status / 100 == 2) {
            Object id = json.getValue("id");
            return new Answer(id instanceof String text && text.matches("[0-9]{1,20}")
                    ? new SendOutcome.Sent(text)
                    : new SendOutcome.Unconfirmed(what + " answered " + status + " without a message id"));
        }
        SendOutcome.Failed failed = new SendOutcome.Failed(what + " answered " + status + ", code " + code(json),
                false);
        return new Answer(failed, webhook && (status == 401 || status == 404));
    }

    /** Seconds until the route's bucket refills when this answer used its last request. */
    static Optional<Double> exhausted(HttpResponse<String> response) {
        if (response.statusCode() == 429
                || !"0".equals(response.headers().firstValue("X-RateLimit-Remaining").orElse(""))) {
            return Optional.empty();
        }
        return response.headers().firstValue("X-RateLimit-Reset-After").flatMap(DiscordSender::seconds);
    }

    private static Optional<Double> retryAfter(HttpResponse<String> response, JsonObject json) {
        if (json.getValue("retry_after") instanceof Number seconds) {
            return Optional.of(Math.max(0, seconds.doubleValue()));
        }
        return response.headers().firstValue("Retry-After").flatMap(DiscordSender::seconds);
    }

    private static Optional<Double> seconds(String value) {
        try {
            double seconds = Double.parseDouble(value.strip());
            return Double.isFinite(seconds) ? Optional.of(Math.max(0, seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String code(JsonObject json) {
        return json.getValue("code") instanceof Number number ? String.valueOf(number.longValue()) : "?";
    }

    private static String botKey(SendPart part) {
        return "dc:bot:" + part.connectionId();
    }

    private static String channelKey(SendPart part) {
        return "dc:channel:" + part.connectionId() + ":" + part.chatId();
    }
}
