package ai.aleff.contracts.events;

import java.util.List;

/**
 * A tenant's web chat widget: where it may be embedded and who may chat.
 *
 * @param allowedOrigins the web origins ({@code scheme://host[:port]}, no path) whose pages may use the widget's
 *        visitor endpoints; never null, empty means the widget is off for the tenant
 * @param anonymousVisitors whether visitors without a verified identity may chat
 * @param appearance how the widget looks; never null (older records: the widget's defaults)
 */
public record WidgetSettings(List<String> allowedOrigins, boolean anonymousVisitors, WidgetAppearance appearance) {

    public WidgetSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        appearance = appearance == null ? WidgetAppearance.defaults() : appearance;
    }

    /** No origin allowed: the widget is off. The default and the value of older records. */
    public static WidgetSettings off() {
        return new WidgetSettings(List.of(), false, null);
    }

    /** Whether a page of this exact origin may use the widget. */
    public boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }
}
