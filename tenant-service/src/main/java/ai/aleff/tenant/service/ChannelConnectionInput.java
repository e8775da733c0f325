package ai.aleff.tenant.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/** Body of {@code POST /v1/tenants/{id}/channels}: a new connection. Unknown fields are refused. */
@Schema(name = "ChannelConnectionInput", description = "A new channel connection.")
public record ChannelConnectionInput(
        @Schema(description = "Which platform.", required = true, example = "TELEGRAM") @NotNull Type type,
        @Schema(description = "The administrator's name for it; 1 to 200 characters, no control characters.", required = true, maxLength = 200, example = "Support bot") @NotNull @Size(max = 1000) String displayName,
        @Schema(description = "WEBHOOK (the platform pushes to the webhook URL; needs the operator's public URL) POLLING (Telegram only, no public URL needed) or SOCKET_MODE (Slack only: we hold a WebSocket to Slack, no public URL needed; needs credentials.appToken) or GATEWAY (Discord only: we hold the bot's Gateway session for direct messages and mentions, no public URL needed). For SLACK, WEBHOOK is the Events API; for DISCORD, the Interactions Endpoint (/ask). Absent: WEBHOOK when the platform has a public URL, else POLLING (Telegram), SOCKET_MODE (Slack) or GATEWAY (Discord); WHATSAPP is always WEBHOOK.", example = "WEBHOOK") Mode mode,
        @Valid ChannelSettingsInput settings,
        @Schema(required = true) @NotNull @Valid ChannelCredentialsInput credentials) {
}
