package ai.aleff.e2e.widget;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * The emulated model's answers to one test class's visitors: every message carrying this run's marker is answered
 * {@code "Reply to <message>"} (so each reply names the message it answers), and a message the test {@link #hold}s
 * is answered only once the test {@link #releaseAll releases} it: the reply is then produced at a moment the test
 * chose, say while the browser is cut off. Other classes' calls never carry the marker and keep their stubs.
 */
public final class HeldReplies implements AutoCloseable {

    private static final CountDownLatch OPEN = new CountDownLatch(0);

    private final OpenAiEmulator model;
    private final String marker = "run" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final StubMapping stub;

    private HeldReplies(OpenAiEmulator model) {
        this.model = model;
        model.script(call -> {
            String message = call.lastUserMessage();
            try {
                // Bounded, so a test that fails before releasing never keeps a model call (and its turn) forever.
                held.getOrDefault(message, OPEN).await(WidgetBrowser.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OpenAiReply.text(replyTo(message));
        });
        this.stub = model.server().stubFor(post(urlPathEqualTo(OpenAiEmulator.COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(marker))
                .willReturn(OpenAiEmulator.scripted()));
    }

    public static HeldReplies on(OpenAiEmulator model) {
        return new HeldReplies(model);
    }

    /** A visitor message of this run, the n-th of its test. */
    public String message(String test, int n) {
        return marker + " " + test + " message " + n;
    }

    /** The reply the model gives to the message. */
    public static String replyTo(String message) {
        return "Reply to " + message;
    }

    /** The message's reply is produced only after {@link #releaseAll}. */
    public void hold(String message) {
        held.put(message, new CountDownLatch(1));
    }

    public void releaseAll() {
        held.values().forEach(CountDownLatch::countDown);
    }

    /** Model calls received so far whose last user message is this one. */
    public int calls(String message) {
        return model.received(message);
    }

    @Override
    public void close() {
        releaseAll();
        model.server().removeStub(stub);
    }
}
