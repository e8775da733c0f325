package ai.aleff.ingress.widget;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the web chat widget's visitor endpoints ({@code /widget/v1/...}, docs/widget.md). */
@ConfigMapping(prefix = "aleff.ingress.widget")
public interface WidgetConfig {

    /**
     * The deployment's visitor-token key: base64 of at least 32 random bytes, the same on every ingress instance
     * (ALEFF_INGRESS_WIDGET_TOKEN_KEY from the Kubernetes Secret; {@code ./aleff run} generates one). Each tenant's
     * tokens are signed with a key derived from it and the tenant id. No default: without it the widget endpoints
     * answer 503 and nothing else changes.
     */
    Optional<String> tokenKey();

    /** How long a visitor token is valid; the widget renews it (POST .../session with the old token) on every load. */
    @WithDefault("30d")
    Duration tokenTtl();

    /**
     * Most event streams one visitor (one widget conversation) may hold open at once, over every instance: a few
     * tabs, and a reconnect that overlaps the old stream's end. More get a 429 (limit {@code visitor-streams}); the
     * tenant's own limit of open streams ({@code aleff.limits}, concurrent streams) counts them too.
     */
    @WithDefault("3")
    int maxStreamsPerVisitor();
}
