package ai.aleff.ingress.discord.gateway;

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
 * What the Gateway loops report, as the Slack Socket Mode loops do: one log line per change of a connection's state,
 * never one per attempt, and one audit record for what an administrator must know: a refused token or intents
 * ({@code channel.gateway-unauthorized}: the loop stops until the connection changes), a spent IDENTIFY budget
 * ({@code channel.gateway-identify-budget}) and a RESUME Discord refused ({@code channel.gateway-resume-refused}:
 * messages sent to the bot between the last handled one and the new session are not replayed, so they are lost to
 * us). Never a token or a session id.
 */
@ApplicationScoped
public class DiscordGatewayReports {

    /** A Gateway loop's state, as reported. */
    public enum State {
        CONNECTED, RECONNECTING, RATE_LIMITED, BUDGET_SPENT, FAILING, UNAUTHORIZED
    }

    private static final Logger LOG = Logger.getLogger(DiscordGatewayReports.class);

    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public DiscordGatewayReports(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    /** The last reported state of a connection's Gateway loop on this instance, or null. */
    public State state(String connectionId) {
        return states.get(connectionId);
    }

    void connected(ChannelConnection c, boolean resumed, int socket) {
        State before = states.put(c.connectionId(), State.CONNECTED);
        if (before != State.CONNECTED) {
            LOG.infof("Discord connection %s (tenant %s): Gateway %s (socket %d%s)", c.connectionId(), c.tenantId(),
                    resumed ? "session resumed" : "session started", socket, before == null ? "" : ", after " + before);
        }
    }

    void reconnecting(ChannelConnection c, String why) {
        if (changed(c, State.RECONNECTING)) {
            LOG.infof("Discord connection %s (tenant %s): reconnecting (%s)", c.connectionId(), c.tenantId(), why);
        }
    }

    void rateLimited(ChannelConnection c, Duration retryAfter) {
        if (changed(c, State.RATE_LIMITED)) {
            LOG.warnf("Discord connection %s (tenant %s): GET /gateway/bot answered 429, waiting %s as Discord asks",
                    c.connectionId(), c.tenantId(), retryAfter);
        }
    }

    void budgetSpent(ChannelConnection c, String why, Duration wait) {
        if (changed(c, State.BUDGET_SPENT)) {
            LOG.warnf("Discord connection %s (tenant %s): no IDENTIFY sent (%s); waiting %s for the budget to reset",
                    c.connectionId(), c.tenantId(), why, wait);
            audit(c, "channel.gateway-identify-budget", why);
        }
    }

    void resumeRefused(ChannelConnection c, String why) {
        LOG.warnf("Discord connection %s (tenant %s): Discord refused to resume the session (%s); a new session is "
                + "identified, and messages Discord did not replay are lost", c.connectionId(), c.tenantId(), why);
        audit(c, "channel.gateway-resume-refused", why);
    }

    void unauthorized(ChannelConnection c, String why) {
        if (changed(c, State.UNAUTHORIZED)) {
            LOG.warnf("Discord connection %s (tenant %s): the Gateway refused the bot (%s); it stops until the "
                    + "connection changes", c.connectionId(), c.tenantId(), why);
            audit(c, "channel.gateway-unauthorized", why);
        }
    }

    void failing(ChannelConnection c, String why) {
        if (changed(c, State.FAILING)) {
            LOG.warnf("Discord connection %s (tenant %s): the Gateway fails (%s); backing off", c.connectionId(),
                    c.tenantId(), why);
        } else {
            LOG.debugf("Discord connection %s: still failing (%s)", c.connectionId(), why);
        }
    }

    void forget(String connectionId) {
        states.remove(connectionId);
    }

    private void audit(ChannelConnection c, String action, String why) {
        publisher.publishAll(List.of(audit.record(c.tenantId(), null, action, c.connectionId(), why)))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("Audit record %s not published: %s", action, e.toString()));
    }

    private boolean changed(ChannelConnection c, State state) {
        return states.put(c.connectionId(), state) != state;
    }
}
