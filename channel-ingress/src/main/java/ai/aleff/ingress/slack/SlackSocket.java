package ai.aleff.ingress.slack;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.LeaseHoldingLoop;
import ai.aleff.ingress.connection.PlatformSocket;
import ai.aleff.ingress.connection.SocketFrame;
import ai.aleff.platform.lease.HeldLease;
import ai.aleff.platform.lease.Leases;

/**
 * One Slack app's Socket Mode connection, on a virtual thread of its own. It runs only while this instance holds the
 * lease {@code slack-socket:<connectionId>}, so exactly one ingress instance has a socket open for the app (Slack
 * hands each event to one random open socket of an app: two holders would split the events). It calls
 * {@code apps.connections.open} with the app token, opens the answered WebSocket and reads its envelopes in order:
 * <ul>
 * <li>{@code events_api}: the payload (the same {@code event_callback} the Events API posts) goes to the intake, up to
 * {@code intake-concurrency} at once ({@link SlackEnvelopes}), and each envelope is acknowledged
 * ({@code {"envelope_id": ...}}) only once its own intake completed, i.e. Kafka acknowledged the message or the
 * durable dedupe found it already accepted, in whatever order they complete. A failed intake sends no
 * acknowledgement: Slack delivers the envelope again;</li>
 * <li>{@code disconnect} (refresh_requested, warning, link_disabled): a new socket is opened while the old one still
 * delivers, and the old one is closed once the new one said {@code hello};</li>
 * <li>an unexpected close, no {@code hello} in time, or a silent socket (no frame or pong for two ping intervals):
 * a new socket after a backoff. The loop never sleeps through a backoff: a retiring socket's envelopes are still
 * handled and acknowledged while the next open waits;</li>
 * <li>a refused app token ({@code invalid_auth} and the like): reported once, and the loop ends until the connection
 * changes (no retry storm).</li>
 * </ul>
 * When the lease is lost every socket of the connection is closed at once.
 */
final class SlackSocket extends LeaseHoldingLoop {

    private static final Logger LOG = Logger.getLogger(SlackSocket.class);
    private static final long TICK_MILLIS = 250;

    /** Where each event callback goes; completes once it is durable or known to need nothing (duplicate, ignored). */
    @FunctionalInterface
    interface Intake {
        Uni<?> accept(ChannelConnection connection, JsonNode callback);
    }

    /** What a socket loop needs, shared by all of them. */
    record Parts(SlackConnectionsOpen api, Intake intake, Leases leases, SlackSocketSettings settings,
            SlackSocketReports reports, ObjectMapper json, String holder) {
    }

    private enum Opening {
        OPENED, RETRY, REFUSED
    }

    private final ChannelConnection connection;
    private final String appToken;
    private final Parts parts;
    private final SlackEnvelopes envelopes;
    private final BlockingQueue<SocketFrame> frames = new LinkedBlockingQueue<>();
    // Touched by the loop thread only.
    private PlatformSocket current;
    private PlatformSocket retiring;
    private int opened;
    private long lastPing;
    /** When the next socket may be opened (System.nanoTime); until then frames of a retiring socket still flow. */
    private long nextOpenAt;

    SlackSocket(ChannelConnection connection, String appToken, Parts parts) {
        super(connection, leaseName(connection.connectionId()), "slack-socket-" + connection.connectionId(),
                parts.leases(), parts.holder(), parts.settings());
        this.connection = connection;
        this.appToken = appToken;
        this.parts = parts;
        this.envelopes = new SlackEnvelopes(connection, parts);
    }

    static String leaseName(String connectionId) {
        return "slack-socket:" + connectionId;
    }

    @Override
    protected void failed(RuntimeException e) {
        LOG.warnf("Socket Mode of connection %s failed: %s", connection.connectionId(), e.toString());
    }

    /** The lease is lost or the loop stopped: every socket of the connection closes at once. */
    @Override
    protected void afterHolding() {
        closeSockets();
    }

    /** Serves the sockets until the lease is lost or the loop stopped; true when the app token was refused. */
    @Override
    protected boolean whileHeld(HeldLease lease) throws InterruptedException {
        LOG.debugf("Socket Mode of connection %s starts (lease epoch %d)", connection.connectionId(),
                lease.lease().epoch());
        nextOpenAt = System.nanoTime();
        while (!stopped() && lease.held()) {
            if (current == null && System.nanoTime() - nextOpenAt >= 0
                    && openSocket() == Opening.REFUSED) {
                return true;
            }
            SocketFrame frame = frames.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            resumeReading();
            if (frame == null) {
                watch();
                continue;
            }
            switch (frame) {
                case SocketFrame.Text text -> handle(text, lease);
                case SocketFrame.Closed closed -> closed(closed);
            }
        }
        return false;
    }

    private Opening openSocket() throws InterruptedException {
        ConnectionsOpenOutcome outcome;
        try {
            outcome = parts.api().open(appToken);
        } catch (IOException e) {
            parts.reports().failing(connection, e.getMessage());
            retryIn(backoff().next());
            return Opening.RETRY;
        }
        switch (outcome) {
            case ConnectionsOpenOutcome.SocketUrl url -> {
                try {
                    current = PlatformSocket.open(parts.api().client(), url.url(), ++opened, frames,
                            parts.settings().connectTimeout(), parts.settings().intakeConcurrency());
                    lastPing = System.nanoTime();
                    return Opening.OPENED;
                } catch (IOException e) {
                    parts.reports().failing(connection, e.getMessage());
                    retryIn(backoff().next());
                    return Opening.RETRY;
                }
            }
            case ConnectionsOpenOutcome.Refused refused -> {
                parts.reports().unauthorized(connection, refused.error());
                return Opening.REFUSED;
            }
            case ConnectionsOpenOutcome.RetryAfter retry -> {
                parts.reports().rateLimited(connection, retry.delay());
                retryIn(retry.delay());
                return Opening.RETRY;
            }
            case ConnectionsOpenOutcome.Failed failed -> {
                parts.reports().failing(connection, "apps.connections.open: " + failed.why());
                retryIn(backoff().next());
                return Opening.RETRY;
            }
        }
    }

    private void handle(SocketFrame.Text text, HeldLease lease) throws InterruptedException {
        PlatformSocket session = text.session();
        JsonNode envelope;
        try {
            envelope = parts.json().readTree(text.text());
        } catch (IOException e) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject()) {
            LOG.debugf("Connection %s: socket %d sent a frame that is not a JSON object", connection.connectionId(),
                    session.number());
            return;
        }
        switch (envelope.path("type").asText("")) {
            case "hello" -> hello(session);
            case "disconnect" -> disconnect(session, envelope.path("reason").asText("unknown"));
            case "events_api" -> envelopes.event(session, envelope, () -> !stopped() && lease.held());
            default -> {
                // Slash commands and interactivity are not subscribed to; acknowledged, so Slack does not retry.
                LOG.debugf("Connection %s: envelope type %s acknowledged and ignored", connection.connectionId(),
                        envelope.path("type").asText("?").replaceAll("[^a-z_]", ""));
                envelopes.acknowledge(session, envelope);
            }
        }
    }

    private void hello(PlatformSocket session) {
        session.hello();
        if (session != current) {
            return;
        }
        parts.reports().connected(connection, session.number());
        if (retiring != null) {
            // The new socket works: the old one (which asked to be replaced) goes now.
            retiring.close();
            retiring = null;
        }
    }

    private void disconnect(PlatformSocket session, String reason) {
        String why = "disconnect " + reason.replaceAll("[^a-z_]", "");
        if (session != current) {
            if (session == retiring) {
                retiring.close();
                retiring = null;
            }
            return;
        }
        parts.reports().reconnecting(connection, why);
        if (retiring != null) {
            retiring.close();
        }
        // Keep it until its successor said hello: events still sent on it are handled and acknowledged on it.
        retiring = current;
        current = null;
        if ("link_disabled".equals(reason)) {
            // Socket Mode was switched off for the app: reconnecting at once would only be refused again.
            retryIn(backoff().next());
        }
    }

    private void closed(SocketFrame.Closed closed) {
        PlatformSocket session = closed.session();
        session.abort();
        if (session == retiring) {
            retiring = null;
            return;
        }
        if (session != current) {
            return;
        }
        current = null;
        parts.reports().reconnecting(connection, "socket closed (" + closed.code() + " " + closed.why()
                .replaceAll("[^A-Za-z0-9 _.-]", "") + ")");
        if (session.helloed() && session.age().compareTo(parts.settings().pingInterval()) > 0) {
            // It worked for a while: this is a first failure, not one more in a row.
            backoff().reset();
        }
        retryIn(backoff().next());
    }

    /** A frame was taken: a socket that stopped reading because the queue was full reads on. */
    private void resumeReading() {
        if (current != null) {
            current.resume();
        }
        if (retiring != null) {
            retiring.resume();
        }
    }

    /** The next socket opens after {@code wait}; frames (of a retiring socket) are still handled meanwhile. */
    private void retryIn(Duration wait) {
        nextOpenAt = System.nanoTime() + wait.toNanos();
    }

    /** Between frames: a socket without hello in time, or silent too long, is replaced; otherwise pinged. */
    private void watch() {
        PlatformSocket session = current;
        if (session == null) {
            return;
        }
        Duration ping = parts.settings().pingInterval();
        if (!session.helloed() && session.age().compareTo(parts.settings().helloTimeout()) > 0) {
            parts.reports().failing(connection, "no hello within " + parts.settings().helloTimeout());
            session.abort();
        } else if (session.silence().compareTo(ping.multipliedBy(2)) > 0) {
            parts.reports().failing(connection, "socket " + session.number() + " silent for " + session.silence());
            session.abort();
        } else if (System.nanoTime() - lastPing > ping.toNanos()) {
            lastPing = System.nanoTime();
            try {
                session.ping();
            } catch (IOException e) {
                LOG.debugf("Connection %s: ping failed: %s", connection.connectionId(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeSockets() {
        if (current != null) {
            current.abort();
            current = null;
        }
        if (retiring != null) {
            retiring.abort();
            retiring = null;
        }
        frames.clear();
    }
}
