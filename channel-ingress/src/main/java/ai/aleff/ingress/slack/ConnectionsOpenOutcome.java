package ai.aleff.ingress.slack;

import java.net.URI;
import java.time.Duration;

/** What Slack answered to {@code apps.connections.open}. */
sealed interface ConnectionsOpenOutcome {

    /** The WebSocket URL to open (single use, expires soon). Never logged: it carries a ticket. */
    record SocketUrl(URI url) implements ConnectionsOpenOutcome {
    }

    /** The app token is refused for good ({@code invalid_auth}, {@code not_allowed_token_type}, ...): no retry. */
    record Refused(String error) implements ConnectionsOpenOutcome {
    }

    /** 429: wait as Slack asks. */
    record RetryAfter(Duration delay) implements ConnectionsOpenOutcome {
    }

    /** Anything else (5xx, {@code internal_error}, an unreadable answer): back off and try again. */
    record Failed(String why) implements ConnectionsOpenOutcome {
    }
}
