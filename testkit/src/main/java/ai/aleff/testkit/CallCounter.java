package ai.aleff.testkit;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Counts every chat-completions request on arrival, before any stub or script answers it. */
final class CallCounter implements ServeEventListener {

    private final EmulatorState state;

    CallCounter(EmulatorState state) {
        this.state = state;
    }

    @Override
    public String getName() {
        return "openai-emulator-call-counter";
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
        if (!event.getRequest().getUrl().startsWith(OpenAiEmulator.COMPLETIONS)) {
            return;
        }
        state.received.incrementAndGet();
        String userText;
        try {
            String body = event.getRequest().getBodyAsString();
            userText = new ChatCall(body, OpenAiEmulator.JSON.readTree(body)).lastUserMessage();
        } catch (IOException | RuntimeException e) {
            // An unreadable request is still a request; the script answers it with a 400.
            userText = "";
        }
        state.byUserText.computeIfAbsent(userText, k -> new AtomicInteger()).incrementAndGet();
    }
}
