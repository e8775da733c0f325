package ai.aleff.e2e.noisy;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.aleff.testkit.ChatCall;
import ai.aleff.testkit.OpenAiEmulator;

/**
 * What the model emulator received from one tenant (its requests carry the tenant's instructions): when each
 * message's model call arrived, and how many of the tenant's calls were open at once.
 */
final class ModelJournal {

    private final List<LoggedRequest> calls;

    private ModelJournal(List<LoggedRequest> calls) {
        this.calls = calls;
    }

    /** The calls received so far whose body contains {@code instructions}. */
    static ModelJournal of(OpenAiEmulator model, String instructions) {
        return new ModelJournal(model.server()
                .findAll(postRequestedFor(urlPathEqualTo(OpenAiEmulator.COMPLETIONS))
                        .withRequestBody(containing(instructions))));
    }

    int calls() {
        return calls.size();
    }

    /** By last user message: when ({@link System#currentTimeMillis()}) its first model call arrived. */
    Map<String, Long> firstCallMillis() {
        Map<String, Long> first = new HashMap<>();
        for (LoggedRequest call : calls) {
            String text = new ChatCall(call.getBodyAsString(), MessageClient.read(call.getBodyAsString()))
                    .lastUserMessage();
            first.merge(text, call.getLoggedDate().getTime(), Math::min);
        }
        return first;
    }

    /** The most calls open at once, each open for {@code heldMillis} from its arrival (the stub's fixed delay). */
    int mostAtOnce(long heldMillis) {
        List<long[]> edges = new ArrayList<>();
        for (LoggedRequest call : calls) {
            long arrived = call.getLoggedDate().getTime();
            edges.add(new long[]{arrived, 1});
            edges.add(new long[]{arrived + heldMillis, -1});
        }
        // At equal times a close goes first: a call answered as the next one arrives did not overlap it.
        edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int open = 0;
        int most = 0;
        for (long[] edge : edges) {
            open += (int) edge[1];
            most = Math.max(most, open);
        }
        return most;
    }
}
