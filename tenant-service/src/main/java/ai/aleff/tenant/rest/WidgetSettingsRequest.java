package ai.aleff.tenant.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's web chat widget settings. */
public record WidgetSettingsRequest(
        @Schema(required = true, description = "Exact origins (scheme://host[:port], no path) whose pages may use the "
                + "widget; empty turns it off.") @NotNull(message = "must be a list of origins") @Size(max = 50, message = "at most 50 origins") List<@NotNull @Pattern(regexp = ORIGIN, message = "must be an origin: http(s)://host[:port], no path") String> allowedOrigins,
        @Schema(required = true, description = "Whether visitors without a verified identity may chat.") @NotNull(message = "must be true or false") Boolean anonymousVisitors,
        @Schema(description = "How the widget looks; left out: the widget's defaults.") @Valid WidgetAppearanceRequest appearance) {

    static final String ORIGIN = "https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?";
}
