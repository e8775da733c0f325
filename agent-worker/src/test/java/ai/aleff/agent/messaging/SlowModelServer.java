package ai.aleff.agent.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.aleff.testkit.OpenAiEmulator;

/**
 * An OpenAI-compatible chat-completions endpoint that thinks for a set time (or until released) and answers
 * "reply to: &lt;the last user message&gt;". It counts calls per user text and the most calls it had in flight at
 * once, which is what concurrency tests need to see. Loopback only.
 */
public final class SlowModelServer implements AutoCloseable {

    static final String REPLY_PREFIX = "reply to: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile Duration delay;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private SlowModelServer(Duration delay) throws IOException {
        this.delay = delay;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    public static SlowModelServer start(Duration delay) {
        try {
            return new SlowModelServer(delay);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the slow model server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** How long each call thinks from now on. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Calls wait, besides the delay, until {@link #release()}. */
    public void holdCalls() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public int calls(String userText) {
        AtomicInteger count = calls.get(userText);
        return count == null ? 0 : count.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void complete(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String userText = "";
            for (JsonNode message : request.path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    userText = message.path("content").asText();
                }
            }
            calls.computeIfAbsent(userText, k -> new AtomicInteger()).incrementAndGet();
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            hold.await(5, TimeUnit.MINUTES);
            byte[] body = OpenAiEmulator.textResponse(REPLY_PREFIX + userText).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // The call ends for the count before the client can read its answer: once it has, the worker releases
            // the tenant's permit and its next call may arrive before this thread would reach a later decrement
            // (counted that way, a strict cap of 16 was seen as 17).
            inFlight.decrementAndGet();
            counted = false;
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
