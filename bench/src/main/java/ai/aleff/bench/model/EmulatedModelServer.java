package ai.aleff.bench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible model provider on loopback that answers {@code POST /v1/chat/completions} after a
 * configurable delay. Each request runs on its own virtual thread, so 200 concurrent one-second answers overlap
 * instead of queueing behind a small pool. It remembers how long it held each tagged message ({@code ref=...}),
 * which the benchmark subtracts from the reply time to get the platform's own share.
 */
public final class EmulatedModelServer implements AutoCloseable {

    public static final String MODEL_NAME = "bench-model";
    private static final String PATH = "/v1/chat/completions";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Duration latency;
    private final Map<String, Long> servedNanos = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    private EmulatedModelServer(Duration latency) throws IOException {
        this.latency = latency;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        // Backlog 1024: a burst of concurrent model calls must not be refused at the socket.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public static EmulatedModelServer start(Duration latency) {
        try {
            return new EmulatedModelServer(latency);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the emulated model server", e);
        }
    }

    /** The base URL to configure as the OpenAI-compatible endpoint (ends with {@code /v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Changes the delay of later answers (scenarios switch between an instant and a slow model). */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    public Duration latency() {
        return latency;
    }

    public long calls() {
        return calls.get();
    }

    /** How long the model held the call for the message tagged {@code ref}, from request read to answer written. */
    public Optional<Long> servedNanos(String ref) {
        return Optional.ofNullable(servedNanos.get(ref));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long begin = System.nanoTime();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            calls.incrementAndGet();
            String question;
            try {
                question = ChatCompletions.lastUserMessage(body).orElse("");
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "{\"error\":{\"message\":\"malformed JSON\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            Optional<String> ref = ChatCompletions.ref(question);
            pause(latency);
            String answer = "ok " + ref.map(r -> "ref=" + r).orElse("");
            send(exchange, 200, ChatCompletions.textResponse("chatcmpl-" + ids.incrementAndGet(), MODEL_NAME, answer,
                    body.length, System.currentTimeMillis() / 1000));
            ref.ifPresent(r -> servedNanos.put(r, System.nanoTime() - begin));
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            // The emulated provider's thinking time: a virtual thread parks here, no platform thread is held.
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
