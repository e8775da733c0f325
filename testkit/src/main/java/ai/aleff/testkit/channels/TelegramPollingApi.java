package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Telegram's Bot API {@code getUpdates} (long polling) on loopback, in its documented format
 * (https://core.telegram.org/bots/api#getupdates): {@code offset}, {@code limit}, {@code timeout} (the call waits up
 * to that many seconds for an update), updates confirmed by a call with a higher offset and then gone, a newer call
 * ending a waiting older one with 409 "terminated by other getUpdates request", 409 while a webhook is set, 429 with
 * {@code parameters.retry_after}, and 401 for an unknown or revoked token.
 * <p>
 * It counts at the platform's side what a poller did with each update: how often each was handed out
 * ({@link #handouts}: more than once is a duplicate the platform caused us to see), which were confirmed
 * ({@link #confirmed}), which are still pending (not confirmed: possibly lost if the poller is gone), and how often an
 * update was asked for again after its confirmation ({@link #handoutsAfterConfirmation}: a poller going back to a
 * stale offset).
 */
public final class TelegramPollingApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong FIRST_IDS = new AtomicLong(700_000_000L);

    private final Map<String, TelegramBotQueue> bots = new ConcurrentHashMap<>();
    private final WireMockServer server;

    private TelegramPollingApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true)
                // Each waiting long poll holds a request thread.
                .containerThreads(64)
                .disableRequestJournal()
                .extensions(new GetUpdatesAnswers(bots::get)));
        server.start();
        server.stubFor(any(urlPathMatching("/bot[^/]+/getUpdates"))
                .willReturn(aResponse().withTransformers(GetUpdatesAnswers.NAME)));
    }

    public static TelegramPollingApi start() {
        return new TelegramPollingApi();
    }

    /** The base URL to configure as {@code aleff.channels.telegram.api-base-url}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Makes {@code token} a known bot (its update ids start at a value of their own). */
    public void addBot(String token) {
        bots.computeIfAbsent(token, t -> new TelegramBotQueue(FIRST_IDS.addAndGet(1_000_000)));
    }

    /** Queues an update carrying {@code message} for the bot; its {@code update_id}. */
    public long sendUpdate(String token, ObjectNode message) {
        ObjectNode update = JSON.createObjectNode();
        update.set("message", message);
        return bot(token).add(update);
    }

    /** Queues a private text message from user {@code userId}; its update id. */
    public long sendText(String token, long userId, String text) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", Math.abs((long) text.hashCode() % 1_000_000) + 1);
        message.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
        message.putObject("chat").put("id", userId).put("type", "private");
        message.put("date", Instant.now().getEpochSecond());
        message.put("text", text);
        return sendUpdate(token, message);
    }

    /**
     * Every other Bot API method ({@code sendMessage}, {@code sendChatAction}...) is forwarded to {@code baseUrl}
     * (e.g. a {@link TelegramSendApi}), so one base URL serves a service that polls and sends, as api.telegram.org
     * does.
     */
    public void forwardOtherMethodsTo(String baseUrl) {
        server.stubFor(any(urlPathMatching("/bot[^/]+/[A-Za-z]+")).atPriority(100)
                .willReturn(aResponse().proxiedFrom(baseUrl)));
    }

    /**
     * The bot's waiting long polls lose their connection, as when the process that made them is killed: they end
     * without an answer and without counting as a {@link #conflicts conflict} when the next poller arrives.
     */
    public void cutWaitingPolls(String token) {
        bot(token).cutWaitingPolls();
    }

    /**
     * How often a waiting getUpdates of the bot was ended with 409 "terminated by other getUpdates request" because
     * another one arrived: each is a moment two pollers overlapped.
     */
    public int conflicts(String token) {
        return bot(token).conflicts();
    }

    /** While on, every getUpdates of the bot answers 409 "can't use getUpdates method while webhook is active". */
    public void webhookActive(String token, boolean active) {
        bot(token).webhookActive(active);
    }

    /** The bot's token is revoked: every later call answers 401. Returns the calls received before. */
    public int revoke(String token) {
        return bot(token).revoke();
    }

    /** The next {@code calls} getUpdates of the bot answer 429 with {@code retry_after} = {@code seconds}. */
    public void rateLimit(String token, int calls, int seconds) {
        bot(token).rateLimit(calls, seconds);
    }

    /** getUpdates calls the bot received (every answer, errors included). */
    public int calls(String token) {
        return bot(token).calls();
    }

    /** When each of the bot's getUpdates calls arrived, in order. */
    public List<Instant> callTimes(String token) {
        return bot(token).callTimes();
    }

    /** The offsets of the bot's getUpdates calls, in order. */
    public List<Long> requestedOffsets(String token) {
        return bot(token).requestedOffsets();
    }

    /** How often each update was handed out, by update id. */
    public Map<Long, Integer> handouts(String token) {
        return bot(token).handouts();
    }

    /** Updates asked for again (an offset at or below them) after they had been confirmed, by update id. */
    public Map<Long, Integer> handoutsAfterConfirmation(String token) {
        return bot(token).handoutsAfterConfirmation();
    }

    /** The confirmed update ids, in confirmation order. */
    public List<Long> confirmed(String token) {
        return bot(token).confirmed();
    }

    /** The update ids not confirmed yet. */
    public List<Long> pending(String token) {
        return bot(token).pendingIds();
    }

    private TelegramBotQueue bot(String token) {
        TelegramBotQueue bot = bots.get(token);
        if (bot == null) {
            throw new IllegalArgumentException("Unknown bot; call addBot first");
        }
        return bot;
    }

    @Override
    public void close() {
        bots.values().forEach(TelegramBotQueue::close);
        server.stop();
    }
}
