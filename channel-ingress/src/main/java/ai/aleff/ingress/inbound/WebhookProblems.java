package ai.aleff.ingress.inbound;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.connection.ChannelCredentialException;
import ai.aleff.platform.rest.ProblemException;

/**
 * The refusals every channel webhook answers, as problem+json. Their details name the header or rule, never a
 * secret, an expected value or a connection's tenant.
 */
public final class WebhookProblems {

    private static final Logger LOG = Logger.getLogger(WebhookProblems.class);

    private WebhookProblems() {
    }

    public static ProblemException unknownConnection(String what) {
        return ProblemException.notFound("No " + what + " connection with this id.");
    }

    public static ProblemException unsigned(String header) {
        return new ProblemException(Response.Status.UNAUTHORIZED, "The " + header + " header is missing; "
                + "nothing was accepted.");
    }

    public static ProblemException badSignature(String header) {
        return new ProblemException(Response.Status.FORBIDDEN, "The " + header + " header does not match this "
                + "connection; nothing was accepted.");
    }

    public static ProblemException malformed(String detail) {
        return ProblemException.badRequest("The body is not a valid update: " + detail + "; nothing was accepted.");
    }

    /**
     * The connection's credential; null when it has none (the caller then accepts nothing: 403), and 503 when it
     * cannot be decrypted here (a key missing on this instance: the platform's retry may reach one that has it).
     */
    public static String credential(ChannelConnections connections, ChannelConnection connection, String name) {
        if (!connection.credentials().containsKey(name)) {
            return null;
        }
        try {
            return connections.credential(connection, name);
        } catch (ChannelCredentialException e) {
            LOG.warnf("Channel connection %s cannot be verified: %s", connection.connectionId(), e.getMessage());
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "This connection cannot be verified right now; nothing was accepted. Retry later.");
        }
    }
}
