package ai.aleff.ingress.connection;

/**
 * A connection's credential is missing or cannot be decrypted (its key is not configured here, or it was not sealed
 * for this connection). The caller cannot check or act for the connection: a server-side problem, never the sender's.
 */
public class ChannelCredentialException extends RuntimeException {

    public ChannelCredentialException(String message) {
        super(message);
    }

    public ChannelCredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
