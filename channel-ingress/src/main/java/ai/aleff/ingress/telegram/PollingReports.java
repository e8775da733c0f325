package ai.aleff.ingress.telegram;

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
 * What the poll loops report: one log line (and, for a conflict or a refused token, one audit record) per change of
 * a connection's state, never one per call, so a connection stuck in a 409 costs a line, not a flood. Never the
 * token: descriptions come from Telegram's answer, scrubbed by {@link TelegramGetUpdates}.
 */
@ApplicationScoped
public class PollingReports {

    /** A poll loop's state, as reported. */
    public enum State {
        POLLING, CONFLICT_WEBHOOK, CONFLICT_POLLER, RATE_LIMITED, FAILING, UNAUTHORIZED
    }

    private static final Logger LOG = Logger.getLogger(PollingReports.class);

    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public PollingReports(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    /** The last reported state of a connection's loop on this instance, or null. */
    public State state(String connectionId) {
        return states.get(connectionId);
    }

    void polling(ChannelConnection c) {
        State before = states.put(c.connectionId(), State.POLLING);
        if (before != null && before != State.POLLING) {
            LOG.infof("Telegram connection %s (tenant %s) polls again after %s", c.connectionId(), c.tenantId(),
                    before);
        }
    }

    void conflict(ChannelConnection c, boolean webhook, String description) {
        State state = webhook ? State.CONFLICT_WEBHOOK : State.CONFLICT_POLLER;
        if (changed(c, state)) {
            LOG.warnf("Telegram connection %s (tenant %s): getUpdates refused with 409 (%s): %s; retrying slowly",
                    c.connectionId(), c.tenantId(), webhook ? "a webhook is set" : "another poller uses the token",
                    description);
            audit(c, "channel.polling-conflict", webhook ? "webhook-active" : "other-poller");
        }
    }

    void rateLimited(ChannelConnection c, Duration retryAfter) {
        if (changed(c, State.RATE_LIMITED)) {
            LOG.warnf("Telegram connection %s (tenant %s): 429, waiting %s as Telegram asks", c.connectionId(),
                    c.tenantId(), retryAfter);
        }
    }

    void unauthorized(ChannelConnection c, int status, String description) {
        if (changed(c, State.UNAUTHORIZED)) {
            LOG.warnf("Telegram connection %s (tenant %s): the bot token was refused (%d %s); polling stops until "
                    + "the connection changes", c.connectionId(), c.tenantId(), status, description);
            audit(c, "channel.polling-unauthorized", "HTTP " + status);
        }
    }

    void failing(ChannelConnection c, String why) {
        if (changed(c, State.FAILING)) {
            LOG.warnf("Telegram connection %s (tenant %s): polling fails (%s); backing off", c.connectionId(),
                    c.tenantId(), why);
        } else {
            LOG.debugf("Telegram connection %s: still failing (%s)", c.connectionId(), why);
        }
    }

    void forget(String connectionId) {
        states.remove(connectionId);
    }

    private boolean changed(ChannelConnection c, State state) {
        return states.put(c.connectionId(), state) != state;
    }

    private void audit(ChannelConnection c, String action, String detail) {
        publisher.publishAll(List.of(audit.record(c.tenantId(), null, action, c.connectionId(), detail)))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("Audit record %s not published: %s", action, e.toString()));
    }
}
