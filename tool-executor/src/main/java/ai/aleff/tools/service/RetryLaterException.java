package ai.aleff.tools.service;

/**
 * The request cannot be answered yet but will be: another delivery of the same call is running it, or this run lost
 * its claim to one that took over. The request is retried until the stored outcome is there.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message) {
        super(message, null, false, false);
    }
}
