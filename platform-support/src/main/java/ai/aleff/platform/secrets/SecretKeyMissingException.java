package ai.aleff.platform.secrets;

/** A secret must be encrypted or decrypted but the platform key it needs is not configured. */
public class SecretKeyMissingException extends RuntimeException {

    public SecretKeyMissingException(String message) {
        super(message);
    }
}
