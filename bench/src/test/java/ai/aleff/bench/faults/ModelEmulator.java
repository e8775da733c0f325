package ai.aleff.bench.faults;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.aleff.testkit.ChatCall;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * The testkit's {@link OpenAiEmulator} scripted for the fault harness, whose behaviour the harness switches at run
 * time (see {@link ModelMode}). A user message containing {@link #TOOL_TAG} gets a calculator tool call first, then
 * a text answer once the tool result is in the conversation; every other message gets a text answer at once.
 */
public final class ModelEmulator implements AutoCloseable {

    public static final String TOOL_TAG = "[tool]";
    private static final Pattern MARKER = Pattern.compile("marker (\\S+)");

    private final OpenAiEmulator emulator;
    private final Duration slowDelay;
    private final AtomicReference<ModelMode> mode = new AtomicReference<>(ModelMode.NORMAL);

    private ModelEmulator(Duration slowDelay) {
        this.slowDelay = slowDelay;
        emulator = OpenAiEmulator.builder().withoutJournal().script(this::reply).start();
    }

    /** @param slowDelay how long {@link ModelMode#SLOW} answers take; longer than the worker's timeout */
    public static ModelEmulator start(Duration slowDelay) {
        return new ModelEmulator(slowDelay);
    }

    public String baseUrl() {
        return emulator.baseUrl();
    }

    public void mode(ModelMode next) {
        mode.set(next);
    }

    public ModelMode mode() {
        return mode.get();
    }

    public long calls() {
        return emulator.received();
    }

    private OpenAiReply reply(ChatCall call) {
        return switch (mode.get()) {
            case SERVER_ERRORS -> OpenAiReply.serverError();
            case RATE_LIMITED -> OpenAiReply.rateLimited(1);
            case SLOW -> answer(call).delayedBy(slowDelay);
            case NORMAL -> answer(call);
        };
    }

    /** A tool call for a tagged user message not yet followed by a tool result; otherwise a text answer. */
    static OpenAiReply answer(ChatCall call) {
        String question = call.lastUserMessage();
        boolean toolAnswered = call.afterToolResult();
        if (question.contains(TOOL_TAG) && !toolAnswered) {
            return OpenAiReply.toolCall("call-" + Math.abs(question.hashCode()), "calculator",
                    Map.of("expression", "6*7"));
        }
        // The answer quotes the question's marker: a channel whose sends do not name the message answered (a Slack
        // DM) is counted by it.
        Matcher marker = MARKER.matcher(question);
        return OpenAiReply.text("Noted" + (toolAnswered ? " (42)." : ".")
                + (marker.find() ? " (re marker " + marker.group(1) + ")" : ""), 10, 2);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
