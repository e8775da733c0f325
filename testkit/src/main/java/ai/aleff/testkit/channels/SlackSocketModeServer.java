package ai.aleff.testkit.channels;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The WebSocket side of Slack's Socket Mode (https://api.slack.com/apis/socket-mode) on loopback, over Vert.x:
 * {@link #ticket} hands out a single-use {@code ws://127.0.0.1:<port>/link?ticket=...} for an app token (what
 * {@code apps.connections.open} answers; {@link SlackWebApi#withSocketMode} wires it in), a client opening that URL gets
 * {@code hello}, and a test then pushes {@code events_api} envelopes ({@link #pushEvent}), sends {@code disconnect}
 * ({@link #disconnect}) or drops the connection without a close frame ({@link #drop}). Like Slack, each envelope
 * goes to ONE of the app's open sockets, at random. It records every acknowledgement ({@link #acks}), every socket
 * opened and the most that were open at once per app ({@link #maxOpenAtOnce}).
 */
public final class SlackSocketModeServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, String> tickets = new ConcurrentHashMap<>();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final AtomicInteger envelopes = new AtomicInteger();

    private SlackSocketModeServer() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    String ticket = request.getParam("ticket");
                    String token = ticket == null ? null : tickets.remove(ticket);
                    if (!"/link".equals(request.path()) || token == null) {
                        // Slack refuses a reused or unknown ticket.
                        request.response().setStatusCode(401).end();
                        return;
                    }
                    HttpConnection connection = request.connection();
                    request.toWebSocket().onSuccess(ws -> app(token).accepted(ws, connection));
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the Socket Mode emulator did not start", e);
        }
    }

    public static SlackSocketModeServer start() {
        return new SlackSocketModeServer();
    }

    /** A new single-use socket URL for {@code appToken} (what apps.connections.open answers). */
    public String ticket(String appToken) {
        String ticket = HexFormat.of().formatHex(bytes());
        tickets.put(ticket, appToken);
        app(appToken).tickets.add(Instant.now());
        return "ws://127.0.0.1:" + server.actualPort() + "/link?ticket=" + ticket;
    }

    /** The app's next {@code count} apps.connections.open calls are answered {@code internal_error} (Slack's trouble). */
    public void failNextOpens(String appToken, int count) {
        app(appToken).failOpens.set(count);
    }

    /** Whether this apps.connections.open call of the app is one to fail (counts it down). */
    boolean failThisOpen(String appToken) {
        return app(appToken).failOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** When each socket URL of the app was handed out (one per successful apps.connections.open). */
    public List<Instant> tickets(String appToken) {
        return List.copyOf(app(appToken).tickets);
    }

    /** How many sockets of the app are open now. */
    public int openSockets(String appToken) {
        return app(appToken).open.size();
    }

    /** How many sockets of the app were opened in all. */
    public int socketsOpened(String appToken) {
        return app(appToken).opened.get();
    }

    /** The most sockets of the app that were open at the same time. */
    public int maxOpenAtOnce(String appToken) {
        return app(appToken).maxOpen.get();
    }

    /** When each socket of the app closed, by either side or dropped, in order. */
    public List<Instant> closes(String appToken) {
        return List.copyOf(app(appToken).closes);
    }

    /**
     * Sends {@code callback} (an {@code event_callback} body, as the Events API posts it) in a new {@code events_api}
     * envelope on one open socket of the app; its envelope id.
     *
     * @throws IllegalStateException when the app has no open socket
     */
    public String pushEvent(String appToken, String callback) {
        String envelopeId = "env-" + envelopes.incrementAndGet() + "-" + HexFormat.of().formatHex(bytes());
        push(appToken, envelopeId, callback, 0);
        return envelopeId;
    }

    /** Sends the envelope again, as Slack does when it got no acknowledgement in time. */
    public void redeliver(String appToken, String envelopeId, String callback, int retryAttempt) {
        push(appToken, envelopeId, callback, retryAttempt);
    }

    /** Every acknowledgement the app's sockets sent, in arrival order. */
    public List<Ack> acks(String appToken) {
        return List.copyOf(app(appToken).acks);
    }

    /** Acknowledgements of one envelope. */
    public List<Ack> acks(String appToken, String envelopeId) {
        return app(appToken).acks.stream().filter(a -> a.envelopeId().equals(envelopeId)).toList();
    }

    /**
     * While {@code withheld}, new sockets of the app get no {@code hello} (a link that is up but serves nothing: the
     * "connected but no events" case); sockets opened afterwards get it again.
     */
    public void withholdHello(String appToken, boolean withheld) {
        app(appToken).withholdHello = withheld;
    }

    /** Sends {@code {"type":"disconnect","reason":reason}} on every open socket of the app (Slack closes later). */
    public void disconnect(String appToken, String reason) {
        ObjectNode message = JSON.createObjectNode().put("type", "disconnect").put("reason", reason);
        message.putObject("debug_info").put("host", "applink-emulator");
        app(appToken).open.forEach(s -> s.socket().writeTextMessage(message.toString()));
    }

    /**
     * Ends every open socket of the app by resetting its TCP connection: no close frame, as a network failure (Vert.x's
     * own {@code HttpConnection.close()} would still send one, hence its Netty channel).
     */
    public void drop(String appToken) {
        app(appToken).open.forEach(s -> {
            if (s.connection() instanceof ConnectionBase base) {
                base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                // From the pipeline's first handler, so no WebSocket handler above it can send a close frame first.
                base.channel().pipeline().firstContext().close();
            } else {
                s.connection().close();
            }
        });
    }

    /** Closes every open socket of the app with a close frame (as Slack does some seconds after a disconnect). */
    public void closeSockets(String appToken) {
        app(appToken).open.forEach(s -> s.socket().close((short) 1000, "bye"));
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        vertx.close();
    }

    /** One acknowledgement: the envelope, the socket it came on (1, 2, ... per app), when. */
    public record Ack(String envelopeId, int socket, Instant at) {
    }

    private void push(String appToken, String envelopeId, String callback, int retryAttempt) {
        List<Socket> open = new ArrayList<>(app(appToken).open);
        if (open.isEmpty()) {
            throw new IllegalStateException("no open socket for this app");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(callback);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the callback is not JSON", e);
        }
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", envelopeId).put("type", "events_api")
                .put("accepts_response_payload", false).put("retry_attempt", retryAttempt)
                .put("retry_reason", retryAttempt == 0 ? "" : "timeout");
        envelope.set("payload", payload);
        open.get(ThreadLocalRandom.current().nextInt(open.size())).socket().writeTextMessage(envelope.toString());
    }

    private App app(String appToken) {
        return apps.computeIfAbsent(appToken, t -> new App());
    }

    private static byte[] bytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    private record Socket(int number, ServerWebSocket socket, HttpConnection connection) {
    }

    private static final class App {
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final List<Instant> tickets = new CopyOnWriteArrayList<>();
        final List<Instant> closes = new CopyOnWriteArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        final AtomicInteger failOpens = new AtomicInteger();
        volatile boolean withholdHello;

        synchronized void accepted(ServerWebSocket ws, HttpConnection connection) {
            Socket socket = new Socket(opened.incrementAndGet(), ws, connection);
            open.add(socket);
            maxOpen.accumulateAndGet(open.size(), Math::max);
            ws.textMessageHandler(text -> {
                try {
                    JsonNode ack = JSON.readTree(text);
                    if (ack.hasNonNull("envelope_id")) {
                        acks.add(new Ack(ack.get("envelope_id").asText(), socket.number(), Instant.now()));
                    }
                } catch (java.io.IOException e) {
                    // not an acknowledgement; Slack ignores it
                }
            });
            ws.closeHandler(v -> closed(socket));
            ws.exceptionHandler(e -> closed(socket));
            if (withholdHello) {
                return;
            }
            ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("num_connections", open.size());
            hello.putObject("debug_info").put("host", "applink-emulator").put("approximate_connection_time", 18060);
            hello.putObject("connection_info").put("app_id", "A0EMULATOR");
            ws.writeTextMessage(hello.toString());
        }

        synchronized void closed(Socket socket) {
            if (open.remove(socket)) {
                closes.add(Instant.now());
            }
        }
    }
}
