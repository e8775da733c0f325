package ai.aleff.contracts.events;

/**
 * How a tenant's chat widget looks. A null field means the widget's own default (its localised title and welcome
 * text, its blue).
 *
 * @param title the panel's heading, at most 60 characters
 * @param primaryColor the launcher's and the visitor's bubbles' colour, {@code #rrggbb}
 * @param welcomeMessage shown at the top of an empty conversation, at most 500 characters
 * @param launcherPosition {@code left} or {@code right} (bottom corner of the page)
 * @param avatarUrl an https URL of the image shown in the widget's header, at most 500 characters; null for none
 * @param locale the widget's language ({@code en} or {@code pt-BR}) unless the page names one; null: the visitor's
 *        browser's
 */
public record WidgetAppearance(String title, String primaryColor, String welcomeMessage, String launcherPosition,
        String avatarUrl, String locale) {

    public static final String RIGHT = "right";
    public static final String LEFT = "left";

    public WidgetAppearance {
        launcherPosition = launcherPosition == null ? RIGHT : launcherPosition;
    }

    /** Without an avatar. */
    public WidgetAppearance(String title, String primaryColor, String welcomeMessage, String launcherPosition) {
        this(title, primaryColor, welcomeMessage, launcherPosition, null, null);
    }

    /** In the browser's language. */
    public WidgetAppearance(String title, String primaryColor, String welcomeMessage, String launcherPosition,
            String avatarUrl) {
        this(title, primaryColor, welcomeMessage, launcherPosition, avatarUrl, null);
    }

    /** The widget's defaults; the value of older records. */
    public static WidgetAppearance defaults() {
        return new WidgetAppearance(null, null, null, RIGHT, null, null);
    }
}
