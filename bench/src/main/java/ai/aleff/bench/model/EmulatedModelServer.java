package ai.aleff.bench.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import ai.aleff.testkit.ChatCall;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * The benchmark's model provider: the testkit's {@link OpenAiEmulator} scripted to answer
 * {@code POST /v1/chat/completions} with a final text answer and a token count after a configurable delay. The
 * emulator serves hundreds of calls at once (200 concurrent one-second answers overlap instead of queueing) and
 * keeps no request log. It remembers how long it held each tagged message ({@code ref=...}), which the benchmark
 * subtracts from the reply time to get the platform's own share.
 */
public final class EmulatedModelServer implements AutoCloseable {

    public static final String MODEL_NAME = "bench-model";

    private final OpenAiEmulator emulator;
    private final Map<String, Long> servedNanos = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private EmulatedModelServer(Duration latency) {
        emulator = OpenAiEmulator.builder()
                .delay(latency)
                .withoutJournal()
                .onServed((call, held) -> ChatCompletions.ref(call.lastUserMessage())
                        .ifPresent(ref -> servedNanos.put(ref, held.toNanos())))
                .script(this::answer)
                .start();
    }

    public static EmulatedModelServer start(Duration latency) {
        return new EmulatedModelServer(latency);
    }

    /** The base URL to configure as the OpenAI-compatible endpoint (ends with {@code /v1}). */
    public String baseUrl() {
        return emulator.baseUrl();
    }

    /** Changes the delay of later answers (scenarios switch between an instant and a slow model). */
    public void latency(Duration latency) {
        emulator.delay(latency);
    }

    public Duration latency() {
        return emulator.delay();
    }

    public long calls() {
        return emulator.received();
    }

    /** How long the model held the call for the message tagged {@code ref}, from request read to answer. */
    public Optional<Long> servedNanos(String ref) {
        return Optional.ofNullable(servedNanos.get(ref));
    }

    private OpenAiReply answer(ChatCall call) {
        Optional<String> ref = ChatCompletions.ref(call.lastUserMessage());
        String answer = "ok " + ref.map(r -> "ref=" + r).orElse("");
        return OpenAiReply.ok(ChatCompletions.textResponse("chatcmpl-" + ids.incrementAndGet(), MODEL_NAME, answer,
                call.body().getBytes(StandardCharsets.UTF_8).length, System.currentTimeMillis() / 1000));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
