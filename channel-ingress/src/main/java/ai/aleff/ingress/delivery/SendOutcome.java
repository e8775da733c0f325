package ai.aleff.ingress.delivery;

/** What the platform answered to one send. */
public sealed interface SendOutcome {

    /** Sent; the platform's message id. */
    record Sent(String platformMessageId) implements SendOutcome {
    }

    /**
     * Not sent, worth another try: after {@code afterSeconds} when the platform said so ({@code retry_after},
     * {@code Retry-After}; then {@code throttled}, which costs no attempt), else (negative) after the backoff.
     */
    record Retry(double afterSeconds, boolean throttled, String error) implements SendOutcome {
    }

    /** Not sent and never will be; {@code windowClosed} when WhatsApp's 24-hour window refused it (131047). */
    record Failed(String error, boolean windowClosed) implements SendOutcome {
    }

    /** The request may have reached the platform but no answer came (timeout, reset): not sent again. */
    record Unconfirmed(String error) implements SendOutcome {
    }
}
