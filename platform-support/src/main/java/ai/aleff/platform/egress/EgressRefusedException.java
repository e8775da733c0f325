package ai.aleff.platform.egress;

/**
 * An outbound call the egress guard refused. The message is safe to show the tenant: it says why the URL is refused
 * in terms of the URL itself, never what (if anything) answers at the address behind it.
 */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String message) {
        super(message);
    }
}
