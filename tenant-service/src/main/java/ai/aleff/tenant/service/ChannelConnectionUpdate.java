package ai.aleff.tenant.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/**
 * Body of {@code PUT /v1/tenants/{id}/channels/{connectionId}}: replaces name, settings and mode; credentials only
 * when given (each one given replaces the stored one).
 */
@Schema(name = "ChannelConnectionUpdate", description = "Replaces display name, settings and mode; credentials given replace the stored ones, absent ones are kept.")
public record ChannelConnectionUpdate(
        @Schema(description = "Optional; when present it must be the connection's type (a connection never changes platform).", example = "TELEGRAM") Type type,
        @Schema(description = "1 to 200 characters, no control characters.", required = true, maxLength = 200, example = "Support bot") @NotNull @Size(max = 1000) String displayName,
        @Schema(description = "Absent: unchanged.", example = "POLLING") Mode mode,
        @Schema(description = "The whole settings; absent: the defaults.") @Valid ChannelSettingsInput settings,
        @Schema(description = "New credentials; absent: keep the stored ones.") @Valid ChannelCredentialsInput credentials) {
}
