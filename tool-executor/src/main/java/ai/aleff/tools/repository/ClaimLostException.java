package ai.aleff.tools.repository;

/** The run's claim on a call was taken over by another run before this one could record the outcome. */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(String message) {
        super(message, null, false, false);
    }
}
