package ai.aleff.ingress.slack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * What the Socket Mode loops report, as the Telegram poll loops do: one log line (and, for a refused app token, one
 * audit record {@code channel.socket-unauthorized}) per change of a connection's state, never one per attempt. Never
 * a token or the socket URL (it carries a ticket): errors are Slack's error codes.
 */
@ApplicationScoped
public class SlackSocketReports {

    /** A socket loop's state, as reported. */
    public enum State {
        CONNECTED, RECONNECTING, RATE_LIMITED, FAILING, UNAUTHORIZED
    }

    private static final Logger LOG = Logger.getLogger(SlackSocketReports.class);

    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public SlackSocketReports(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    /** The last reported state of a connection's socket loop on this instance, or null. */
    public State state(String connectionId) {
        return states.get(connectionId);
    }

    void connected(ChannelConnection c, int socket) {
        State before = states.put(c.connectionId(), State.CONNECTED);
        if (before != State.CONNECTED) {
            LOG.infof("Slack connection %s (tenant %s): Socket Mode connected (socket %d%s)", c.connectionId(),
                    c.tenantId(), socket, before == null ? "" : ", after " + before);
        }
    }

    void reconnecting(ChannelConnection c, String why) {
        if (changed(c, State.RECONNECTING)) {
            LOG.infof("Slack connection %s (tenant %s): reconnecting (%s)", c.connectionId(), c.tenantId(), why);
        }
    }

    void rateLimited(ChannelConnection c, Duration retryAfter) {
        if (changed(c, State.RATE_LIMITED)) {
            LOG.warnf("Slack connection %s (tenant %s): apps.connections.open answered 429, waiting %s as Slack asks",
                    c.connectionId(), c.tenantId(), retryAfter);
        }
    }

    void unauthorized(ChannelConnection c, String error) {
        if (changed(c, State.UNAUTHORIZED)) {
            LOG.warnf("Slack connection %s (tenant %s): the app token was refused (%s); Socket Mode stops until the "
                    + "connection changes", c.connectionId(), c.tenantId(), error);
            publisher.publishAll(List.of(audit.record(c.tenantId(), null, "channel.socket-unauthorized",
                    c.connectionId(), error)))
                    .subscribe().with(done -> {
                    }, e -> LOG.debugf("Audit record channel.socket-unauthorized not published: %s", e.toString()));
        }
    }

    void failing(ChannelConnection c, String why) {
        if (changed(c, State.FAILING)) {
            LOG.warnf("Slack connection %s (tenant %s): Socket Mode fails (%s); backing off", c.connectionId(),
                    c.tenantId(), why);
        } else {
            LOG.debugf("Slack connection %s: still failing (%s)", c.connectionId(), why);
        }
    }

    void forget(String connectionId) {
        states.remove(connectionId);
    }

    private boolean changed(ChannelConnection c, State state) {
        return states.put(c.connectionId(), state) != state;
    }
}
