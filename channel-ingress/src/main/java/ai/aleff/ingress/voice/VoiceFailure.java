package ai.aleff.ingress.voice;

/**
 * A fetch or transcription that did not work. Its message names the step and an HTTP status or exception class, never
 * a URL (the Telegram token is in its path), a key or a transcript.
 */
public class VoiceFailure extends RuntimeException {

    private final boolean permanent;

    public VoiceFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    /** Whether trying again cannot help (the endpoint refused the key or the request). */
    public boolean permanent() {
        return permanent;
    }
}
