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
        @Schema(description = "WEBHOOK (the platform pushes to the webhook URL; needs the operator's public URL) POLLING (Telegram only, no public URL needed) or SOCKET_MODE (Slack only: we hold a WebSocket to Slack, no public URL needed; needs credentials.appToken). For SLACK, WEBHOOK is the Events API. Absent: WEBHOOK when the platform has a public URL, else POLLING (Telegram) or SOCKET_MODE (Slack); WHATSAPP and DISCORD are always WEBHOOK.", example = "WEBHOOK") Mode mode,
        @Valid ChannelSettingsInput settings,
        @Schema(required = true) @NotNull @Valid ChannelCredentialsInput credentials) {
}
