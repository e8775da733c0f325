package ai.aleff.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelEmulatorTest {

    private static final String PLAIN = """
            {"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"marker a hello"}]}""";
    private static final String TAGGED = """
            {"model":"m","messages":[{"role":"user","content":"marker b [tool] what is 6*7?"}]}""";
    private static final String TOOL_ANSWERED = """
            {"model":"m","messages":[{"role":"user","content":"marker b [tool] what is 6*7?"},
             {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"calculator"}}]},
             {"role":"tool","tool_call_id":"c","content":"42"}]}""";

    private final ModelEmulator model = ModelEmulator.start(Duration.ofMillis(300));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        model.close();
    }

    @Test
    void answersPlainMessagesAndAsksForTheCalculatorOnTaggedOnesUntilTheToolHasAnswered() throws Exception {
        HttpResponse<String> plain = post(PLAIN);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("\"finish_reason\":\"stop\"").contains("Noted. (re marker a)");

        assertThat(post(TAGGED).body()).contains("\"tool_calls\"").contains("calculator");
        assertThat(post(TOOL_ANSWERED).body()).contains("Noted (42). (re marker b)").doesNotContain("\"tool_calls\"");
    }

    @Test
    void failsWith500sThen429sWithRetryAfterWhenSwitched() throws Exception {
        model.mode(ModelMode.SERVER_ERRORS);
        assertThat(post(PLAIN).statusCode()).isEqualTo(500);

        model.mode(ModelMode.RATE_LIMITED);
        HttpResponse<String> limited = post(PLAIN);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");

        model.mode(ModelMode.NORMAL);
        assertThat(post(PLAIN).statusCode()).isEqualTo(200);
        assertThat(model.calls()).isEqualTo(3);
    }

    @Test
    void slowAnswersArriveOnlyAfterTheDelay() throws Exception {
        model.mode(ModelMode.SLOW);
        long start = System.nanoTime();

        HttpResponse<String> slow = post(PLAIN);

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(model.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
