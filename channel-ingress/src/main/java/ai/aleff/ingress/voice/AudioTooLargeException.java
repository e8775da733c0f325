package ai.aleff.ingress.voice;

/** The voice note is over {@link VoiceSettings#maxBytes()}: answered that it is too long, never retried. */
public class AudioTooLargeException extends RuntimeException {

    public AudioTooLargeException(long limit) {
        super("the voice note is larger than " + limit + " bytes", null, false, false);
    }
}
