package ai.aleff.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Answers a call with the emulator's script: thinks for the delay (and while calls are held), then hands WireMock
 * the reply to write. The call counts as in flight only while it thinks, so the count drops before the client can
 * have the reply.
 */
final class ScriptedReplies extends LocalTransformer {

    static final String NAME = "openai-emulator-script";

    private final EmulatorState state;

    ScriptedReplies(EmulatorState state) {
        super(NAME);
        this.state = state;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long begin = System.nanoTime();
        state.maxInFlight.accumulateAndGet(state.inFlight.incrementAndGet(), Math::max);
        ChatCall call = null;
        OpenAiReply reply;
        try {
            String body = event.getRequest().getBodyAsString();
            call = parse(body);
            if (call == null) {
                reply = OpenAiReply.error(400, "invalid_request_error", "malformed JSON");
            } else if (state.script == null) {
                reply = OpenAiReply.error(404, "not_found", "no stub matched and the emulator has no script");
            } else {
                reply = state.script.apply(call);
                think(state.delay.plus(reply.delay()), state.hold);
            }
        } finally {
            state.inFlight.decrementAndGet();
        }
        if (call != null) {
            state.onServed.accept(call, Duration.ofNanos(System.nanoTime() - begin));
        }
        return OpenAiEmulator.stubbed(new OpenAiReply(reply.status(), reply.headers(), reply.body(), Duration.ZERO))
                .build();
    }

    private static ChatCall parse(String body) {
        try {
            JsonNode json = OpenAiEmulator.JSON.readTree(body);
            return json != null && json.isObject() ? new ChatCall(body, json) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void think(Duration delay, CountDownLatch hold) {
        try {
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            hold.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
