package ai.aleff.ingress.telegram;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What one {@code getUpdates} call answered. */
sealed interface GetUpdatesOutcome {

    /** The updates, in Telegram's order (ascending {@code update_id}); may be empty. */
    record Updates(List<JsonNode> updates) implements GetUpdatesOutcome {
    }

    /** 409: a webhook is set ({@code webhook} true) or another getUpdates call on the token ended ours. */
    record Conflict(boolean webhook, String description) implements GetUpdatesOutcome {
    }

    /** 429: wait {@code retryAfter} before the next call. */
    record RetryAfter(Duration retryAfter) implements GetUpdatesOutcome {
    }

    /** 401 (or 404, Telegram's answer to a malformed token): the token no longer works. */
    record Unauthorized(int status, String description) implements GetUpdatesOutcome {
    }

    /** Anything else: a 5xx, an unexpected 4xx, an unreadable body. */
    record Failed(int status, String description) implements GetUpdatesOutcome {
    }
}
