package ai.aleff.tenant.rest;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.tenant.service.ChannelConnectionView;

/** A channel connection; credentials only as hints, the verify token only in the connect response. */
@Schema(name = "ChannelConnection")
public record ChannelConnectionResponse(
        @Schema(description = "Unguessable id (128 random bits, base64url); part of the webhook URL.", example = "q3bX0v2kqJ8m1mX4fGJm3A") String connectionId,
        @Schema(example = "TELEGRAM") Type type,
        @Schema(example = "Support bot") String displayName,
        @Schema(description = "ACTIVE or PAUSED (kept, nothing handled).", example = "ACTIVE") Status status,
        @Schema(example = "WEBHOOK") Mode mode,
        Settings settings,
        @Schema(description = "Who the connection speaks as: Telegram's bot id and username (from getMe), WhatsApp's phone-number id, Slack's bot user id and bot id (from auth.test).") Account account,
        @Schema(description = "Where the platform delivers updates (WhatsApp: the callback URL to paste in Meta's App Dashboard); null in POLLING, SOCKET_MODE and GATEWAY (Slack Events API: the Request URL to paste in the app's Event Subscriptions).", example = "https://aleff.example.com/v1/channels/telegram/q3bX0v2kqJ8m1mX4fGJm3A") String webhookUrl,
        @Schema(description = "The last four characters of each credential given, to tell them apart; never the credential.", example = "{\"botToken\": \"m9T0\"}") Map<String, String> credentialHints,
        @Schema(description = "Increases with every change; also the ETag.", example = "1") long version,
        Instant createdAt,
        Instant changedAt,
        @Schema(description = "WHATSAPP, connect response only: the verify token to paste in Meta's App Dashboard with the callback URL. Not shown again (the response is Cache-Control: no-store); a lost one is replaced by connecting again.", example = "mY0KxL4uJ0c6o3Zp1QbUj0wq3Vb2o8Yq7ZcS9mA1fHk") @JsonInclude(JsonInclude.Include.NON_NULL) String verifyToken) {

    static ChannelConnectionResponse of(ChannelConnectionView view) {
        return new ChannelConnectionResponse(view.connectionId(), view.type(), view.displayName(), view.status(),
                view.mode(), view.settings(), view.account(), view.webhookUrl(), view.credentialHints(),
                view.version(), view.createdAt(), view.changedAt(), view.verifyToken());
    }
}
