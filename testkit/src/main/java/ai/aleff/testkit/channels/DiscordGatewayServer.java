package ai.aleff.testkit.channels;

import java.io.IOException;
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
 * The Discord Gateway (https://discord.com/developers/docs/events/gateway) on loopback, over Vert.x, for one or more
 * bots (told apart by the token of their IDENTIFY or RESUME):
 * <ul>
 * <li>every socket gets HELLO (op 10) with {@link #heartbeatIntervalMillis}; heartbeats (op 1) are recorded and
 * answered with HEARTBEAT ACK (op 11), unless the socket was made a {@link #zombie};</li>
 * <li>IDENTIFY (op 2) starts a new session: READY (op 0, {@code s} 1) with a new {@code session_id}, the bot user
 * {@link DiscordApi#BOT_USER_ID} and {@code resume_gateway_url} pointing here; a token starting with {@code revoked}
 * is closed with 4004 (authentication failed), as is every IDENTIFY after {@link #closeOnIdentify};</li>
 * <li>{@link #dispatchMessage} sends MESSAGE_CREATE with the session's next {@code s}; every dispatch is kept, and
 * one sent while the bot has no working socket (none open, or a zombie) waits for a RESUME;</li>
 * <li>RESUME (op 6) of the current session replays every dispatch after the given {@code seq}, then RESUMED; of an
 * unknown or {@link #expireSession expired} session it is answered INVALID_SESSION {@code d: false};</li>
 * <li>a test can send RECONNECT (op 7, {@link #reconnect}) or INVALID_SESSION ({@link #invalidSession}), close with
 * a code ({@link #closeWith}) or drop the TCP connection without a close frame ({@link #drop}).</li>
 * </ul>
 * It records every IDENTIFY, RESUME and heartbeat, and the most sockets a bot had open at once.
 */
public final class DiscordGatewayServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpServer server;
    private final int heartbeatInterval;
    private final Map<String, Bot> bots = new ConcurrentHashMap<>();
    private final Map<String, String> sessionOwners = new ConcurrentHashMap<>();
    private final List<Socket> unidentified = new CopyOnWriteArrayList<>();
    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger();

    private DiscordGatewayServer(int heartbeatIntervalMillis) {
        this.heartbeatInterval = heartbeatIntervalMillis;
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    HttpConnection connection = request.connection();
                    request.toWebSocket().onSuccess(ws -> accepted(ws, connection));
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the Gateway emulator did not start", e);
        }
    }

    /** A Gateway asking for a heartbeat every {@code heartbeatIntervalMillis} (Discord: about 41 s). */
    public static DiscordGatewayServer start(int heartbeatIntervalMillis) {
        return new DiscordGatewayServer(heartbeatIntervalMillis);
    }

    /** The Gateway URL ({@code GET /gateway/bot}'s {@code url}; also every session's {@code resume_gateway_url}). */
    public String url() {
        return "ws://127.0.0.1:" + server.actualPort();
    }

    public int heartbeatIntervalMillis() {
        return heartbeatInterval;
    }

    /**
     * Sends a MESSAGE_CREATE of {@code author} in {@code channelId} ({@code guildId} null: a direct message) with
     * {@code content}, mentioning {@code mentions} (user ids), to the bot's session; its message id.
     */
    public String dispatchMessage(String botToken, String channelId, String guildId, String authorId,
            boolean authorIsBot, String content, String... mentions) {
        String id = String.valueOf(1300000000000000000L + messageIds.incrementAndGet());
        ObjectNode d = JSON.createObjectNode().put("id", id).put("channel_id", channelId).put("type", 0)
                .put("content", content).put("timestamp", Instant.now().toString()).put("tts", false)
                .put("mention_everyone", false);
        if (guildId != null) {
            d.put("guild_id", guildId);
        }
        d.putObject("author").put("id", authorId).put("username", "user" + authorId.substring(authorId.length() - 3))
                .put("global_name", "User " + authorId.substring(authorId.length() - 3)).put("bot", authorIsBot);
        var mentioned = d.putArray("mentions");
        for (String mention : mentions) {
            mentioned.addObject().put("id", mention).put("username", "mentioned").put("bot",
                    DiscordApi.BOT_USER_ID.equals(mention));
        }
        bot(botToken).dispatch("MESSAGE_CREATE", d);
        return id;
    }

    /** The current socket of the bot stops acknowledging heartbeats and receives nothing more (a dead link). */
    public void zombie(String botToken) {
        Bot bot = bot(botToken);
        synchronized (bot) {
            if (bot.current != null) {
                bot.current.zombie = true;
            }
        }
    }

    /** Sends RECONNECT (op 7) on the bot's current socket. */
    public void reconnect(String botToken) {
        send(botToken, JSON.createObjectNode().put("op", 7).putNull("d"));
    }

    /** Sends INVALID_SESSION (op 9) on the bot's current socket; not resumable also ends the session. */
    public void invalidSession(String botToken, boolean resumable) {
        Bot bot = bot(botToken);
        synchronized (bot) {
            if (!resumable) {
                bot.expire();
            }
        }
        send(botToken, JSON.createObjectNode().put("op", 9).put("d", resumable));
    }

    /** The bot's session ends here (as past Discord's replay window): a RESUME of it gets INVALID_SESSION false. */
    public void expireSession(String botToken) {
        Bot bot = bot(botToken);
        synchronized (bot) {
            bot.expire();
        }
    }

    /** Every later IDENTIFY of the bot is answered with a close of {@code code} (4004, 4013, 4014). */
    public void closeOnIdentify(String botToken, int code) {
        bot(botToken).identifyClose = code;
    }

    /** Closes the bot's current socket with {@code code} and a close frame. */
    public void closeWith(String botToken, int code) {
        Bot bot = bot(botToken);
        Socket socket = bot.current;
        if (socket != null) {
            socket.ws().close((short) code, "closed by the emulator");
        }
    }

    /** Resets the TCP connection of every socket of the bot: no close frame, as a network failure. */
    public void drop(String botToken) {
        bot(botToken).open.forEach(DiscordGatewayServer::reset);
    }

    /** Every IDENTIFY of the bot, in order. */
    public List<Identify> identifies(String botToken) {
        return List.copyOf(bot(botToken).identifies);
    }

    /** Every RESUME of the bot, in order. */
    public List<Resume> resumes(String botToken) {
        return List.copyOf(bot(botToken).resumes);
    }

    /** Every heartbeat on the bot's sockets, in order. */
    public List<Heartbeat> heartbeats(String botToken) {
        return List.copyOf(bot(botToken).heartbeats);
    }

    /** How many sockets of the bot are open now (identified or resumed). */
    public int openSockets(String botToken) {
        return bot(botToken).open.size();
    }

    /** The most sockets of the bot that were open at the same time. */
    public int maxOpenAtOnce(String botToken) {
        return bot(botToken).maxOpen.get();
    }

    /** The bot's current session id, null before the first READY. */
    public String sessionId(String botToken) {
        return bot(botToken).sessionId;
    }

    /** The {@code s} of the bot's last dispatch. */
    public int lastSeq(String botToken) {
        return bot(botToken).seq;
    }

    /** How many sockets were opened in all (every bot, and sockets that never identified). */
    public int socketsOpened() {
        return sockets.get();
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

    /** An IDENTIFY: its intents and when it came. */
    public record Identify(long intents, Instant at) {
    }

    /** A RESUME: the session and the last sequence number the client had, when it came. */
    public record Resume(String sessionId, long seq, Instant at) {
    }

    /** A heartbeat's {@code d} (the client's last sequence number; -1 for null) and when it came. */
    public record Heartbeat(long seq, Instant at) {
    }

    private void accepted(ServerWebSocket ws, HttpConnection connection) {
        Socket socket = new Socket(sockets.incrementAndGet(), ws, connection);
        unidentified.add(socket);
        ws.textMessageHandler(text -> received(socket, text));
        ws.closeHandler(v -> closed(socket));
        ws.exceptionHandler(e -> closed(socket));
        ws.writeTextMessage(JSON.createObjectNode().put("op", 10).putNull("s").putNull("t")
                .set("d", JSON.createObjectNode().put("heartbeat_interval", heartbeatInterval)).toString());
    }

    private void received(Socket socket, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            socket.ws().close((short) 4002, "Error while decoding payload.");
            return;
        }
        JsonNode d = frame.path("d");
        switch (frame.path("op").asInt(-1)) {
            case 1 -> heartbeat(socket, d);
            case 2 -> identify(socket, d);
            case 6 -> resume(socket, d);
            default -> socket.ws().close((short) 4001, "Unknown opcode.");
        }
    }

    private void heartbeat(Socket socket, JsonNode d) {
        Bot bot = socket.bot;
        if (bot != null) {
            bot.heartbeats.add(new Heartbeat(d.isNumber() ? d.asLong() : -1, Instant.now()));
        }
        if (!socket.zombie) {
            socket.ws().writeTextMessage("{\"op\":11,\"d\":null}");
        }
    }

    private void identify(Socket socket, JsonNode d) {
        String token = d.path("token").asText("");
        Bot bot = bot(token);
        bot.identifies.add(new Identify(d.path("intents").asLong(-1), Instant.now()));
        if (token.startsWith("revoked") || bot.identifyClose != 0) {
            socket.ws().close((short) (bot.identifyClose != 0 ? bot.identifyClose : 4004),
                    "Authentication failed.");
            return;
        }
        synchronized (bot) {
            attach(bot, socket);
            bot.sessionId = HexFormat.of().formatHex(randomBytes());
            sessionOwners.put(bot.sessionId, token);
            bot.seq = 0;
            bot.events.clear();
            ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", bot.sessionId)
                    .put("resume_gateway_url", url());
            ready.putObject("user").put("id", DiscordApi.BOT_USER_ID).put("username", "aleff").put("bot", true);
            ready.putArray("guilds");
            ready.putObject("application").put("id", "1170000000000000000");
            bot.dispatch("READY", ready);
        }
    }

    private void resume(Socket socket, JsonNode d) {
        String token = d.path("token").asText("");
        Bot bot = bot(token);
        String sessionId = d.path("session_id").asText("");
        long seq = d.path("seq").asLong(-1);
        bot.resumes.add(new Resume(sessionId, seq, Instant.now()));
        synchronized (bot) {
            if (!sessionId.equals(bot.sessionId) || !token.equals(sessionOwners.get(sessionId))) {
                socket.bot = bot;
                socket.ws().writeTextMessage("{\"op\":9,\"d\":false}");
                return;
            }
            attach(bot, socket);
            for (ObjectNode event : bot.events) {
                if (event.path("s").asLong() > seq) {
                    socket.ws().writeTextMessage(event.toString());
                }
            }
            socket.ws().writeTextMessage(JSON.createObjectNode().put("op", 0).put("t", "RESUMED")
                    .put("s", bot.seq).set("d", JSON.createObjectNode()).toString());
        }
    }

    /** The socket is now the bot's working one; an earlier one of the same bot is closed, as Discord does. */
    private void attach(Bot bot, Socket socket) {
        unidentified.remove(socket);
        socket.bot = bot;
        Socket before = bot.current;
        if (before != null && before != socket) {
            before.ws().close((short) 4000, "replaced by a new connection");
        }
        bot.current = socket;
        if (!bot.open.contains(socket)) {
            bot.open.add(socket);
        }
        bot.maxOpen.accumulateAndGet(bot.open.size(), Math::max);
    }

    private void send(String botToken, ObjectNode frame) {
        Socket socket = bot(botToken).current;
        if (socket != null) {
            socket.ws().writeTextMessage(frame.toString());
        }
    }

    private void closed(Socket socket) {
        unidentified.remove(socket);
        Bot bot = socket.bot;
        if (bot != null) {
            synchronized (bot) {
                bot.open.remove(socket);
                if (bot.current == socket) {
                    bot.current = null;
                }
            }
        }
    }

    private Bot bot(String token) {
        return bots.computeIfAbsent(token, t -> new Bot());
    }

    private static void reset(Socket s) {
        if (s.connection() instanceof ConnectionBase base) {
            base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            // From the pipeline's first handler, so no WebSocket handler above it can send a close frame first.
            base.channel().pipeline().firstContext().close();
        } else {
            s.connection().close();
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static final class Socket {
        private final int number;
        private final ServerWebSocket ws;
        private final HttpConnection connection;
        volatile Bot bot;
        volatile boolean zombie;

        Socket(int number, ServerWebSocket ws, HttpConnection connection) {
            this.number = number;
            this.ws = ws;
            this.connection = connection;
        }

        ServerWebSocket ws() {
            return ws;
        }

        HttpConnection connection() {
            return connection;
        }

        @Override
        public String toString() {
            return "socket " + number;
        }
    }

    private static final class Bot {
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final List<Identify> identifies = new CopyOnWriteArrayList<>();
        final List<Resume> resumes = new CopyOnWriteArrayList<>();
        final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();
        final AtomicInteger maxOpen = new AtomicInteger();
        volatile int identifyClose;
        volatile String sessionId;
        volatile Socket current;
        volatile int seq;

        /** Keeps the dispatch for a RESUME and sends it on the working socket, if there is one. */
        synchronized void dispatch(String type, JsonNode d) {
            ObjectNode event = JSON.createObjectNode().put("op", 0).put("t", type).put("s", ++seq);
            event.set("d", d);
            events.add(event);
            Socket socket = current;
            if (socket != null && !socket.zombie) {
                socket.ws().writeTextMessage(event.toString());
            }
        }

        void expire() {
            sessionId = null;
        }
    }
}
