package ai.aleff.ingress.discord.gateway;

import java.net.URI;
import java.time.Duration;

/** What Discord answered to {@code GET /gateway/bot}. */
sealed interface GatewayBotOutcome {

    /**
     * The Gateway URL and the bot's session start limit: {@code remaining} IDENTIFYs of {@code total} left until the
     * count resets in {@code resetAfter}.
     */
    record Gateway(URI url, int total, int remaining, Duration resetAfter) implements GatewayBotOutcome {
    }

    /** 401: the bot token is refused for good; no retry. */
    record Refused(String why) implements GatewayBotOutcome {
    }

    /** 429: wait as Discord asks. */
    record RetryAfter(Duration delay) implements GatewayBotOutcome {
    }

    /** Anything else (5xx, an unreadable answer): back off and try again. */
    record Failed(String why) implements GatewayBotOutcome {
    }
}
