package ai.aleff.ingress.widget;

import java.time.Instant;

import ai.aleff.contracts.events.WidgetAppearance;

/**
 * A visitor token and what it stands for.
 *
 * @param token the Bearer token for the other visitor endpoints; the widget keeps it in localStorage
 * @param verified whether the visitor is a verified user of the tenant's site
 * @param appearance how the tenant wants the widget to look (its widget settings); never null
 */
public record SessionIssued(String token, String visitorId, String conversationId, boolean verified,
        Instant expiresAt, WidgetAppearance appearance) {
}
