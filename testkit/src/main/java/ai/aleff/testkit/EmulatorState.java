package ai.aleff.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** What an {@link OpenAiEmulator}'s extensions share: its script, timing and counts. */
final class EmulatorState {

    volatile Function<ChatCall, OpenAiReply> script;
    volatile Duration delay;
    volatile CountDownLatch hold = new CountDownLatch(0);
    final BiConsumer<ChatCall, Duration> onServed;
    final AtomicLong received = new AtomicLong();
    final Map<String, AtomicInteger> byUserText = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    EmulatorState(Function<ChatCall, OpenAiReply> script, Duration delay, BiConsumer<ChatCall, Duration> onServed) {
        this.script = script;
        this.delay = delay;
        this.onServed = onServed;
    }
}
