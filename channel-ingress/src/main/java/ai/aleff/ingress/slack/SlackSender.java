package ai.aleff.ingress.slack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.delivery.ChannelSender;
import ai.aleff.ingress.delivery.MessageSplitter;
import ai.aleff.ingress.delivery.PlatformHttp;
import ai.aleff.ingress.delivery.RateGate;
import ai.aleff.ingress.delivery.SendOutcome;
import ai.aleff.ingress.delivery.SendPart;

/**
 * Slack's side of delivery: {@code chat.postMessage} with the part in mrkdwn, in the message's thread
 * ({@code thread_ts}) when it came from one. Slack answers refusals with HTTP 200 and {@code "ok": false}, so
 * {@code ok} decides; 429 (and {@code ratelimited}) waits for {@code Retry-After}, which costs no attempt. Each part
 * is posted once: the send records claim it before the call, and an answerless call is unconfirmed, never
 * repeated (the Slack SDK's own retry double-posted; OpenClaw #22780).
 *
 * <p>
 * Pacing: Slack limits each Web API method per workspace per app, and {@code chat.postMessage} besides to about one
 * message a second per channel. A part takes two RateGate keys, the channel's and the workspace's for the method
 * ({@code sl:method:<connectionId>:chat.postMessage}; a connection is one app in one workspace), so a burst over many
 * channels of one workspace is paced to {@code workspace-post-gap}. A 429 holds every key of the part for
 * {@code Retry-After} ({@code PartDelivery}), so it pauses the method for the whole workspace; other connections
 * (workspaces, tenants) have their own keys and are not slowed.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    /** Slack truncates at 40,000 characters and advises at most 4,000 per message; we split at that. */
    public static final int LIMIT = 4000;
    private static final String POST_MESSAGE = "chat.postMessage";
    /** Errors that another attempt may get past. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final ChannelConnections connections;
    private final PlatformHttp http;
    private final String apiBaseUrl;
    private final double channelGapSeconds;
    private final double workspacePostGapSeconds;

    public SlackSender(ChannelConnections connections, PlatformHttp http,
            @ConfigProperty(name = "aleff.channels.slack.api-base-url", defaultValue = "https://slack.com/api") String apiBaseUrl,
            @ConfigProperty(name = "aleff.channels.slack.channel-gap", defaultValue = "1s") Duration channelGap,
            SlackDeliverySettings settings) {
        this.connections = connections;
        this.http = http;
        this.apiBaseUrl = apiBaseUrl.replaceAll("/+$", "");
        this.channelGapSeconds = channelGap.toMillis() / 1000.0;
        this.workspacePostGapSeconds = settings.workspacePostGap().toMillis() / 1000.0;
    }

    @Override
    public String channel() {
        return "slack";
    }

    @Override
    public List<FormattedPart> format(String markdown) {
        return MessageSplitter.splitPlain(SlackMrkdwn.toMrkdwn(markdown), LIMIT).stream()
                .map(text -> new FormattedPart(text, text))
                .toList();
    }

    /** Slack unfurls a linked image itself; sending it as a link needs no upload and no files scope. */
    @Override
    public FormattedPart formatImage(String alt, String url) {
        String label = alt == null || alt.isBlank() ? url : alt;
        String text = url.matches("https://[^\\s<>|]+")
                ? "<" + url.replace("&", "&amp;") + "|" + SlackMrkdwn.escape(label).replace("|", "\u2223") + ">"
                : SlackMrkdwn.escape(label);
        return new FormattedPart(text, text);
    }

    /** About one message a second per channel, and the method's workspace-wide ceiling. */
    @Override
    public List<RateGate.Key> rateKeys(SendPart part) {
        return List.of(new RateGate.Key("sl:channel:" + part.connectionId() + ":" + part.chatId(), channelGapSeconds),
                new RateGate.Key(methodKey(part.connectionId(), POST_MESSAGE), workspacePostGapSeconds));
    }

    /** The RateGate key of one Web API method in one connection's workspace. */
    static String methodKey(String connectionId, String method) {
        return "sl:method:" + connectionId + ":" + method;
    }

    @Override
    public Uni<SendOutcome> send(ChannelConnection connection, SendPart part) {
        String token;
        try {
            token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new SendOutcome.Failed(e.getMessage(), false));
        }
        JsonObject body = new JsonObject().put("channel", part.chatId()).put("text", part.body())
                .put("mrkdwn", true).put("unfurl_links", false);
        if (part.threadId() != null) {
            body.put("thread_ts", part.threadId());
        }
        return http.postJson(URI.create(apiBaseUrl + "/chat.postMessage"), "Bearer " + token, body.encode())
                .map(SlackSender::interpret)
                .onFailure().recoverWithItem(PlatformHttp::transportFailure);
    }

    static SendOutcome interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonObject json = PlatformHttp.jsonBody(response);
        if (status == 429) {
            double after = retryAfter(response).orElse(-1.0);
            return new SendOutcome.Retry(after, after >= 0, "chat.postMessage answered 429 (ratelimited)");
        }
        if (status >= 500) {
            return new SendOutcome.Retry(-1, false, "chat.postMessage answered " + status);
        }
        if (status == 200 && Boolean.TRUE.equals(json.getValue("ok"))) {
            String ts = json.getString("ts");
            return ts == null
                    ? new SendOutcome.Unconfirmed("chat.postMessage answered ok without a ts")
                    : new SendOutcome.Sent(ts);
        }
        String error = json.getValue("error") instanceof String text ? text.replaceAll("[^A-Za-z0-9_.-]", "") : "";
        String description = "chat.postMessage answered " + status + ", error " + error;
        if (TRANSIENT.contains(error)) {
            double after = retryAfter(response).orElse(-1.0);
            return new SendOutcome.Retry(after, after >= 0, description);
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
