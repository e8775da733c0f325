package ai.aleff.contracts.events;

import java.util.List;

/**
 * A tenant's web chat widget: where it may be embedded and who may chat.
 *
 * @param allowedOrigins the web origins ({@code scheme://host[:port]}, no path) whose pages may use the widget's
 *        visitor endpoints; never null, empty means the widget is off for the tenant
 * @param anonymousVisitors whether visitors without a verified identity may chat
 */
public record WidgetSettings(List<String> allowedOrigins, boolean anonymousVisitors) {

    public WidgetSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** No origin allowed: the widget is off. The default and the value of older records. */
    public static WidgetSettings off() {
        return new WidgetSettings(List.of(), false);
    }

    /** Whether a page of this exact origin may use the widget. */
    public boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }
}
