package ai.aleff.ingress.discord.gateway;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.LeaseHoldingLoop;
import ai.aleff.ingress.connection.PlatformSocket;
import ai.aleff.ingress.connection.SocketFrame;
import ai.aleff.ingress.repository.DiscordGatewayRepository;
import ai.aleff.ingress.repository.DiscordGatewayRepository.StoredSession;
import ai.aleff.platform.lease.HeldLease;
import ai.aleff.platform.lease.Leases;

/**
 * One Discord bot's Gateway session, on a virtual thread of its own, while this instance holds the lease
 * {@code discord-gateway:<connectionId>} (two holders would each get every message, and spend the IDENTIFY budget
 * twice). It keeps one socket at a time:
 * <ul>
 * <li>HELLO (op 10) gives the heartbeat interval; the first heartbeat goes after {@code interval * random}, then one
 * every interval. A heartbeat not ACKed (op 11) when the next is due makes the socket a zombie: it is closed with a
 * code other than 1000 (so the session stays resumable) and the session RESUMEd at once;</li>
 * <li>with a stored session (this holder's, or the previous holder's from the database) the socket RESUMEs (op 6)
 * with the session id and the sequence number of the last handled message, on the session's
 * {@code resume_gateway_url}; Discord replays what came after. Without one it IDENTIFYs (op 2), but only when the
 * budget allows ({@link DiscordGatewaySettings#identifyReserve}: Discord's {@code session_start_limit} from
 * {@code GET /gateway/bot} and our own record of the last 24 hours), each IDENTIFY recorded durably before it is
 * sent; a spent budget waits for Discord's {@code reset_after} and is reported;</li>
 * <li>READY stores the new session; MESSAGE_CREATE goes to the intake, and the session's sequence number is stored
 * only once the intake completed (Kafka acknowledged, or a duplicate or ignored). A failed intake closes the socket
 * and RESUMEs from the last handled message, so Discord sends it again;</li>
 * <li>RECONNECT (op 7) and any close but the fatal ones RESUME; INVALID_SESSION (op 9) RESUMEs when {@code d} is true
 * and otherwise forgets the session and IDENTIFYs, both after the 1 to 5 s Discord asks for; a session not RESUMED
 * after {@code max-resume-attempts} is given up too. A refused RESUME means the messages Discord did not replay are
 * lost to us: reported ({@code channel.gateway-resume-refused});</li>
 * <li>4004 (authentication failed), 4010 to 4012 and 4013/4014 (invalid or disallowed intents: MESSAGE_CONTENT not
 * enabled for the bot) are reported once and end the loop until the connection changes; no reconnect loop.</li>
 * </ul>
 * When the lease is lost or the loop stops the socket is closed (resumable, so the next holder RESUMEs).
 */
final class GatewayLoop extends LeaseHoldingLoop {

    private static final Logger LOG = Logger.getLogger(GatewayLoop.class);
    private static final long TICK_MILLIS = 100;
    /**
     * The Gateway's socket reads without back-pressure, as before the Slack loop got it: a socket that stops reading
     * would also stop hearing heartbeat ACKs, and the zombie check counts what was heard. Discord's replay after a
     * RESUME is bounded by its own window.
     */
    private static final int UNBOUNDED_FRAMES = Integer.MAX_VALUE;
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);
    /** Any code but 1000 and 1001 keeps the session resumable. */
    private static final int RESUMABLE_CLOSE = 4000;
    /** Closes after which reconnecting cannot succeed (authentication, sharding, API version, intents). */
    private static final Set<Integer> FATAL = Set.of(4004, 4010, 4011, 4012, 4013, 4014);
    /** Closes that end the session: a new one must be IDENTIFYd (invalid seq, session timed out). */
    private static final Set<Integer> SESSION_ENDED = Set.of(4007, 4009);

    /** Where each message goes; completes once it is durable or known to need nothing (duplicate, ignored). */
    @FunctionalInterface
    interface Intake {
        Uni<?> accept(ChannelConnection connection, InboundMessage message);
    }

    /** What a Gateway loop needs, shared by all of them. */
    record Parts(DiscordGatewayApi api, Intake intake, DiscordGatewayRepository store, Leases leases,
            DiscordGatewaySettings settings, DiscordGatewayReports reports, ObjectMapper json, String holder) {
    }

    private enum Opening {
        OPENED, WAIT, REFUSED
    }

    private final ChannelConnection connection;
    private final String botToken;
    private final Parts parts;
    private final BlockingQueue<SocketFrame> frames = new LinkedBlockingQueue<>();
    // Touched by the loop thread only.
    private HeldLease lease;
    private PlatformSocket current;
    private boolean resuming;
    private boolean ready;
    private int opened;
    private int resumeAttempts;
    private String sessionId;
    private String resumeUrl;
    /** The sequence number of the last dispatch handled: what a RESUME asks Discord to replay after. */
    private long handledSeq;
    /** The sequence number of the last dispatch received: what a heartbeat carries. */
    private long receivedSeq;
    private String botUserId;
    private long heartbeatMillis;
    private long nextHeartbeatAt;
    private boolean awaitingAck;
    /** When the last heartbeat was sent (System.nanoTime). */
    private long heartbeatSentAt;
    /** When the next socket may be opened (System.nanoTime). */
    private long nextOpenAt;

    GatewayLoop(ChannelConnection connection, String botToken, Parts parts) {
        super(connection, leaseName(connection.connectionId()), "discord-gateway-" + connection.connectionId(),
                parts.leases(), parts.holder(), parts.settings());
        this.connection = connection;
        this.botToken = botToken;
        this.parts = parts;
        this.botUserId = connection.accountId();
    }

    static String leaseName(String connectionId) {
        return "discord-gateway:" + connectionId;
    }

    @Override
    protected void failed(RuntimeException e) {
        LOG.warnf("Gateway of connection %s failed: %s", connection.connectionId(), e.toString());
    }

    /** The lease is lost or the loop stopped: the socket closes, resumable, so the next holder RESUMEs. */
    @Override
    protected void afterHolding() {
        closeCurrent();
    }

    /** Serves the Gateway until the lease is lost or the loop stopped; true when Discord refused the bot. */
    @Override
    protected boolean whileHeld(HeldLease held) throws InterruptedException {
        this.lease = held;
        Optional<StoredSession> stored = parts.store().find(connection.tenantId(), connection.connectionId())
                .await().atMost(DATABASE_TIMEOUT);
        sessionId = stored.map(StoredSession::sessionId).orElse(null);
        resumeUrl = stored.map(StoredSession::resumeUrl).orElse(null);
        handledSeq = stored.map(StoredSession::seq).orElse(0L);
        receivedSeq = handledSeq;
        resumeAttempts = 0;
        LOG.debugf("Gateway of connection %s starts (lease epoch %d, %s)", connection.connectionId(),
                held.lease().epoch(), sessionId == null ? "no session" : "resuming after seq " + handledSeq);
        nextOpenAt = System.nanoTime();
        while (!stopped() && held.held()) {
            if (current == null && System.nanoTime() - nextOpenAt >= 0 && open() == Opening.REFUSED) {
                return true;
            }
            SocketFrame frame = frames.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (frame != null) {
                boolean refused = switch (frame) {
                    case SocketFrame.Text text -> {
                        if (text.session() == current) {
                            handle(text.text());
                        }
                        yield false;
                    }
                    case SocketFrame.Closed closed -> closed(closed);
                };
                if (refused) {
                    return true;
                }
            }
            watch();
        }
        return false;
    }

    private Opening open() throws InterruptedException {
        if (sessionId != null && resumeAttempts >= parts.settings().maxResumeAttempts()) {
            parts.reports().resumeRefused(connection, "no RESUMED after " + resumeAttempts + " attempts");
            forgetSession();
        }
        boolean resume = sessionId != null && resumeUrl != null;
        Optional<URI> url;
        if (resume) {
            url = parts.api().socketUrl(resumeUrl);
            if (url.isEmpty()) {
                forgetSession();
                return Opening.WAIT;
            }
        } else {
            url = identifyUrl();
            if (url == null) {
                return Opening.REFUSED;
            }
            if (url.isEmpty()) {
                return Opening.WAIT;
            }
        }
        try {
            current = PlatformSocket.open(parts.api().client(), url.get(), ++opened, frames,
                    parts.settings().connectTimeout(), UNBOUNDED_FRAMES);
        } catch (IOException e) {
            parts.reports().failing(connection, e.getMessage());
            if (resume) {
                resumeAttempts++;
            }
            retryIn(backoff().next());
            return Opening.WAIT;
        }
        resuming = resume;
        if (resume) {
            resumeAttempts++;
        }
        ready = false;
        heartbeatMillis = 0;
        awaitingAck = false;
        return Opening.OPENED;
    }

    /**
     * The Gateway URL for an IDENTIFY when the budget allows one; empty to wait (budget spent, rate limit, failure),
     * null when Discord refused the token.
     */
    private Optional<URI> identifyUrl() throws InterruptedException {
        GatewayBotOutcome outcome;
        try {
            outcome = parts.api().gatewayBot(botToken);
        } catch (IOException e) {
            parts.reports().failing(connection, e.getMessage());
            retryIn(backoff().next());
            return Optional.empty();
        }
        switch (outcome) {
            case GatewayBotOutcome.Refused refused -> {
                parts.reports().unauthorized(connection, refused.why());
                return null;
            }
            case GatewayBotOutcome.RetryAfter retry -> {
                parts.reports().rateLimited(connection, retry.delay());
                retryIn(retry.delay());
                return Optional.empty();
            }
            case GatewayBotOutcome.Failed failed -> {
                parts.reports().failing(connection, failed.why());
                retryIn(backoff().next());
                return Optional.empty();
            }
            case GatewayBotOutcome.Gateway gateway -> {
                int reserve = parts.settings().identifyReserve();
                if (gateway.remaining() <= reserve) {
                    Duration wait = atLeastASecond(gateway.resetAfter());
                    parts.reports().budgetSpent(connection, "Discord counts " + gateway.remaining() + " of "
                            + gateway.total() + " session starts left, " + reserve + " kept in reserve", wait);
                    retryIn(wait);
                    return Optional.empty();
                }
                Duration window = parts.settings().identifyWindow();
                List<Instant> ours = parts.store().identifies(connection.tenantId(), connection.connectionId(),
                        window).await().atMost(DATABASE_TIMEOUT);
                int allowed = gateway.total() - reserve;
                if (ours.size() >= allowed) {
                    // The oldest IDENTIFY that has to leave the window before another may go.
                    Instant frees = ours.get(ours.size() - allowed).plus(window);
                    Duration wait = atLeastASecond(Duration.between(Instant.now(), frees));
                    parts.reports().budgetSpent(connection, ours.size() + " IDENTIFYs sent in the last " + window
                            + ", " + allowed + " allowed", wait);
                    retryIn(wait);
                    return Optional.empty();
                }
                return Optional.of(gateway.url());
            }
        }
    }

    private void handle(String text) throws InterruptedException {
        JsonNode frame;
        try {
            frame = parts.json().readTree(text);
        } catch (IOException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            LOG.debugf("Connection %s: the Gateway sent a frame that is not a JSON object", connection.connectionId());
            return;
        }
        JsonNode d = frame.path("d");
        switch (frame.path("op").asInt(-1)) {
            case 10 -> hello(d);
            case 11 -> awaitingAck = false;
            case 1 -> heartbeat();
            case 7 -> {
                parts.reports().reconnecting(connection, "Discord asked to reconnect");
                closeCurrent();
                retryIn(Duration.ZERO);
            }
            case 9 -> invalidSession(d.asBoolean(false));
            case 0 -> dispatch(frame, d);
            default -> LOG.debugf("Connection %s: Gateway opcode %d ignored", connection.connectionId(),
                    frame.path("op").asInt(-1));
        }
    }

    private void hello(JsonNode d) throws InterruptedException {
        heartbeatMillis = Math.max(100, d.path("heartbeat_interval").asLong(41_250));
        // Jitter, as Discord asks: bots reconnecting together must not heartbeat in step.
        nextHeartbeatAt = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos((long) (heartbeatMillis * ThreadLocalRandom.current().nextDouble()));
        awaitingAck = false;
        ObjectNode payload = parts.json().createObjectNode();
        if (resuming) {
            payload.put("op", 6).putObject("d").put("token", botToken).put("session_id", sessionId)
                    .put("seq", handledSeq);
        } else {
            if (!parts.store().identified(connection.tenantId(), connection.connectionId(), lease.lease(),
                    parts.settings().identifyWindow()).await().atMost(DATABASE_TIMEOUT)) {
                throw new InterruptedException("lease lost before IDENTIFY");
            }
            ObjectNode identify = payload.put("op", 2).putObject("d").put("token", botToken)
                    .put("intents", parts.settings().intents());
            identify.putObject("properties").put("os", "linux").put("browser", "aleff").put("device", "aleff");
        }
        send(payload.toString());
    }

    private void invalidSession(boolean resumable) throws InterruptedException {
        closeCurrent();
        if (!resumable) {
            if (resuming) {
                parts.reports().resumeRefused(connection, "INVALID_SESSION (not resumable)");
            }
            forgetSession();
        } else {
            parts.reports().reconnecting(connection, "INVALID_SESSION (resumable)");
        }
        // Discord asks for a wait of 1 to 5 seconds before the next IDENTIFY.
        retryIn(Duration.ofMillis(1000 + ThreadLocalRandom.current().nextLong(4001)));
    }

    private void dispatch(JsonNode frame, JsonNode d) throws InterruptedException {
        long seq = frame.path("s").isNumber() ? frame.path("s").asLong() : -1;
        if (seq >= 0) {
            receivedSeq = seq;
        }
        // A RESUME's replay comes before RESUMED and may take longer than ready-timeout: it proves the socket works,
        // and that Discord took the RESUME (so a failed intake during it, which closes the socket, is no failed RESUME).
        ready = true;
        resumeAttempts = 0;
        switch (frame.path("t").asText("")) {
            case "READY" -> {
                sessionId = d.path("session_id").asText(null);
                resumeUrl = d.path("resume_gateway_url").asText(null);
                String user = d.path("user").path("id").asText(null);
                if (user != null) {
                    botUserId = user;
                }
                handled(seq);
                working(false);
            }
            case "RESUMED" -> working(true);
            case "MESSAGE_CREATE" -> message(d, seq);
            default -> {
                if (seq >= 0) {
                    handledSeq = seq;
                }
            }
        }
    }

    private void working(boolean resumed) {
        ready = true;
        resumeAttempts = 0;
        current.hello();
        parts.reports().connected(connection, resumed, current.number());
    }

    private void message(JsonNode d, long seq) throws InterruptedException {
        Optional<InboundMessage> message = GatewayMessageNormaliser.normalise(d, botUserId);
        if (message.isPresent()) {
            if (stopped() || !lease.held()) {
                throw new InterruptedException("lease lost or stopped before a message");
            }
            try {
                parts.intake().accept(connection, message.get()).await().atMost(parts.settings().intakeTimeout());
            } catch (RuntimeException e) {
                if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("interrupted while handing a message");
                }
                // Not handled: the session is resumed from the last handled message, so Discord sends it again.
                parts.reports().failing(connection, "a message not handled (" + e.getClass().getSimpleName()
                        + "); resuming to receive it again");
                closeCurrent();
                retryIn(backoff().next());
                return;
            }
        }
        handled(seq);
    }

    /** Stores the session with {@code seq} as its last handled dispatch (fenced by the lease). */
    private void handled(long seq) throws InterruptedException {
        if (seq >= 0) {
            handledSeq = seq;
        }
        save();
    }

    private void forgetSession() throws InterruptedException {
        sessionId = null;
        resumeUrl = null;
        handledSeq = 0;
        receivedSeq = 0;
        resumeAttempts = 0;
        save();
    }

    private void save() throws InterruptedException {
        if (!parts.store().save(connection.tenantId(), connection.connectionId(), lease.lease(),
                new StoredSession(sessionId, resumeUrl, handledSeq)).await().atMost(DATABASE_TIMEOUT)) {
            throw new InterruptedException("lease lost while storing the Gateway session");
        }
    }

    private boolean closed(SocketFrame.Closed closed) throws InterruptedException {
        PlatformSocket socket = closed.session();
        socket.abort();
        if (socket != current) {
            return false;
        }
        boolean wasWorking = ready && socket.age().toMillis() > heartbeatMillis;
        current = null;
        ready = false;
        int code = closed.code();
        String why = "close " + code + " " + closed.why().replaceAll("[^A-Za-z0-9 _.-]", "");
        if (FATAL.contains(code)) {
            parts.reports().unauthorized(connection, switch (code) {
                case 4004 -> "4004 authentication failed: the bot token is refused";
                case 4013 -> "4013 invalid intents";
                case 4014 -> "4014 disallowed intents: enable MESSAGE_CONTENT (a privileged intent) for the bot";
                default -> why;
            });
            return true;
        }
        if (SESSION_ENDED.contains(code)) {
            parts.reports().resumeRefused(connection, why);
            forgetSession();
        } else {
            parts.reports().reconnecting(connection, "socket closed (" + why + ")");
        }
        if (wasWorking) {
            // It worked for a while: this is a first failure, not one more in a row.
            backoff().reset();
        }
        retryIn(backoff().next());
        return false;
    }

    /** Between frames: heartbeats, the zombie check, and a socket that never got READY. */
    private void watch() throws InterruptedException {
        PlatformSocket socket = current;
        if (socket == null) {
            return;
        }
        if (!ready && socket.age().compareTo(parts.settings().readyTimeout()) > 0) {
            parts.reports().failing(connection, "no READY or RESUMED within " + parts.settings().readyTimeout());
            closeCurrent();
            retryIn(backoff().next());
            return;
        }
        if (heartbeatMillis == 0 || System.nanoTime() - nextHeartbeatAt < 0) {
            return;
        }
        if (awaitingAck && socket.silence().toNanos() >= System.nanoTime() - heartbeatSentAt) {
            // No ACK, and nothing else either, since the last heartbeat: the link is dead though the socket looks
            // open (a zombie). (Frames heard since then mean the ACK is only queued behind them: a busy loop, say
            // while a RESUME's replay is handled, must not take its own backlog for a dead link.)
            parts.reports().reconnecting(connection, "no heartbeat ACK: zombie connection, resuming");
            closeCurrent();
            retryIn(Duration.ZERO);
            return;
        }
        heartbeat();
        nextHeartbeatAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
    }

    private void heartbeat() throws InterruptedException {
        ObjectNode beat = parts.json().createObjectNode().put("op", 1);
        if (receivedSeq > 0) {
            beat.put("d", receivedSeq);
        } else {
            beat.putNull("d");
        }
        awaitingAck = true;
        heartbeatSentAt = System.nanoTime();
        send(beat.toString());
    }

    private void send(String text) throws InterruptedException {
        try {
            current.send(text);
        } catch (IOException e) {
            // The socket is gone (its close is queued, or it was aborted): the close handling reconnects.
            LOG.debugf("Connection %s: Gateway frame not sent: %s", connection.connectionId(), e.getMessage());
        }
    }

    private void closeCurrent() {
        PlatformSocket socket = current;
        current = null;
        ready = false;
        if (socket != null) {
            socket.close(RESUMABLE_CLOSE);
        }
    }

    private void retryIn(Duration wait) {
        nextOpenAt = System.nanoTime() + wait.toNanos();
    }

    private static Duration atLeastASecond(Duration wait) {
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
