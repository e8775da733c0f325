package ai.aleff.tenant.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.WidgetAppearance;

/** How the tenant's chat widget looks; a field left out is the widget's default. */
public record WidgetAppearanceRequest(
        @Schema(description = "The panel's heading (default: the widget's localised title).") @Size(min = 1, max = 60, message = "must be 1 to 60 characters") @Pattern(regexp = NO_CONTROLS, message = "must not contain control characters") String title,
        @Schema(description = "Colour of the launcher and the visitor's bubbles, #rrggbb.", example = "#0a7d3c") @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour #rrggbb") String primaryColor,
        @Schema(description = "Shown at the top of an empty conversation.") @Size(min = 1, max = 500, message = "must be 1 to 500 characters") String welcomeMessage,
        @Schema(description = "Bottom corner of the launcher (default right).", enumeration = {
                "left",
                "right"}) @Pattern(regexp = "left|right", message = "must be left or right") String launcherPosition,
        @Schema(description = "An https URL of the image shown in the widget's header (default: none).", example = "https://shop.example/avatar.png") @Size(max = 500, message = "must be at most 500 characters") @Pattern(regexp = AVATAR_URL, message = "must be an https URL without credentials") String avatarUrl,
        @Schema(description = "The widget's language unless the page sets data-locale (default: the visitor's browser's).", enumeration = {
                "en",
                "pt-BR"}) @Pattern(regexp = "en|pt-BR", message = "must be en or pt-BR") String locale){

    /** An absolute https URL: a host, no user info, no spaces or control characters. */
    static final String AVATAR_URL = "https://[^/?#@\\s\\p{Cntrl}]+(?:[/?#][^\\s\\p{Cntrl}]*)?";

    static final String NO_CONTROLS = "[^\\p{Cntrl}]*";

    WidgetAppearance toAppearance() {
        return new WidgetAppearance(title, primaryColor, welcomeMessage, launcherPosition, avatarUrl, locale);
    }
}
