package ai.aleff.agent.messaging;

import java.time.Duration;

import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * The testkit's {@link OpenAiEmulator} scripted as a model that thinks for a set time (or until released) and
 * answers "reply to: &lt;the last user message&gt;". It counts calls per user text and the most calls it had in
 * flight at once, which is what concurrency tests need to see; a call leaves the in-flight count before its reply
 * is written, so a worker's next call never meets the previous one still counted.
 */
public final class SlowModelServer implements AutoCloseable {

    static final String REPLY_PREFIX = "reply to: ";

    private final OpenAiEmulator emulator;

    private SlowModelServer(Duration delay) {
        emulator = OpenAiEmulator.builder()
                .delay(delay)
                .withoutJournal()
                .script(call -> OpenAiReply.text(REPLY_PREFIX + call.lastUserMessage()))
                .start();
    }

    public static SlowModelServer start(Duration delay) {
        return new SlowModelServer(delay);
    }

    public String baseUrl() {
        return emulator.baseUrl();
    }

    /** How long each call thinks from now on. */
    public void delay(Duration delay) {
        emulator.delay(delay);
    }

    /** Calls wait, besides the delay, until {@link #release()}. */
    public void holdCalls() {
        emulator.holdCalls();
    }

    public void release() {
        emulator.release();
    }

    public int calls(String userText) {
        return emulator.received(userText);
    }

    public int inFlight() {
        return emulator.inFlight();
    }

    public int maxInFlight() {
        return emulator.maxInFlight();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
