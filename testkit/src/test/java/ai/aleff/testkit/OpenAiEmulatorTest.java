package ai.aleff.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OpenAiEmulatorTest {

    private static final String HELLO = """
            {"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"hello"}]}""";
    private static final String AFTER_TOOL = """
            {"model":"m","messages":[{"role":"user","content":"what is 6*7?"},
             {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"calculator"}}]},
             {"role":"tool","tool_call_id":"c","content":"42"}]}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<OpenAiEmulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(OpenAiEmulator::close);
        http.close();
    }

    private OpenAiEmulator start(OpenAiEmulator.Builder builder) {
        OpenAiEmulator emulator = builder.start();
        started.add(emulator);
        return emulator;
    }

    private CompletableFuture<HttpResponse<String>> send(OpenAiEmulator emulator, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(OpenAiEmulator emulator, String body) {
        return send(emulator, body).join();
    }

    @Test
    void scriptAnswersToolCallsThenTextWithUsage() throws Exception {
        // Given a script asking for the calculator first and answering once the tool result is in
        OpenAiEmulator emulator = start(OpenAiEmulator.builder()
                .script(call -> call.afterToolResult()
                        ? OpenAiReply.text("It is 42.", 100, 7)
                        : OpenAiReply.toolCall("call-1", "calculator", Map.of("expression", "6*7"))));

        // When both steps are asked
        JsonNode first = OpenAiEmulator.JSON.readTree(call(emulator, HELLO).body());
        JsonNode second = OpenAiEmulator.JSON.readTree(call(emulator, AFTER_TOOL).body());

        // Then the first is a tool call and the second a text answer with the scripted usage
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(first.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("calculator");
        assertThat(first.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"expression\":\"6*7\"}");
        assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("It is 42.");
        assertThat(second.at("/usage/prompt_tokens").asInt()).isEqualTo(100);
        assertThat(second.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(second.at("/usage/total_tokens").asInt()).isEqualTo(107);
        assertThat(emulator.received()).isEqualTo(2);
        assertThat(emulator.received("hello")).isEqualTo(1);
    }

    @Test
    void scriptedErrorsAndRateLimitsCarryTheirStatusAndRetryAfter() {
        // Given a script that fails, then rate limits
        OpenAiEmulator emulator = start(OpenAiEmulator.builder().script(call -> OpenAiReply.serverError()));

        // Then the calls are answered 500, then 429 with Retry-After
        assertThat(call(emulator, HELLO).statusCode()).isEqualTo(500);
        emulator.script(call -> OpenAiReply.rateLimited(7));
        HttpResponse<String> limited = call(emulator, HELLO);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(limited.body()).contains("rate_limit_exceeded");
    }

    @Test
    void stubsWinOverTheScriptAndUnreadableCallsAre400() {
        // Given a script and a stub for one marker
        OpenAiEmulator emulator = start(OpenAiEmulator.builder().script(call -> OpenAiReply.text("scripted")));
        emulator.server()
                .stubFor(post(urlEqualTo(OpenAiEmulator.COMPLETIONS)).withRequestBody(containing("stubbed-marker"))
                        .willReturn(OpenAiEmulator.ok(OpenAiEmulator.textResponse("stubbed"))));

        // Then the stub answers its calls, the script the rest, and malformed JSON is refused
        assertThat(call(emulator, HELLO.replace("hello", "stubbed-marker")).body()).contains("\"stubbed\"");
        assertThat(call(emulator, HELLO).body()).contains("\"scripted\"");
        assertThat(call(emulator, "{not json").statusCode()).isEqualTo(400);
        assertThat(emulator.received()).isEqualTo(3);
    }

    @Test
    void withoutAScriptUnmatchedCallsAre404() {
        OpenAiEmulator emulator = start(OpenAiEmulator.builder());

        assertThat(call(emulator, HELLO).statusCode()).isEqualTo(404);
    }

    @Test
    void repliesWaitForTheDelayAndReportHowLongTheyWereHeld() {
        // Given a model that thinks 200 ms
        List<Duration> held = new CopyOnWriteArrayList<>();
        OpenAiEmulator emulator = start(OpenAiEmulator.builder()
                .delay(Duration.ofMillis(200))
                .onServed((call, duration) -> held.add(duration))
                .script(call -> OpenAiReply.text("ok")));
        long begin = System.nanoTime();

        // When it is asked
        call(emulator, HELLO);

        // Then the answer took the delay, and the emulator says it held the call that long
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(held).singleElement()
                .satisfies(duration -> assertThat(duration).isGreaterThanOrEqualTo(Duration.ofMillis(200)));
    }

    @Test
    void heldCallsCountAsInFlightUntilReleased() {
        // Given an emulator holding its calls, and 20 concurrent calls
        OpenAiEmulator emulator = start(OpenAiEmulator.builder().script(call -> OpenAiReply.text("ok")));
        emulator.holdCalls();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(send(emulator, HELLO));
        }

        // When all are in flight
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emulator.inFlight() == 20);

        // Then releasing answers them all, and the most in flight at once was 20
        emulator.release();
        assertThat(calls.stream().map(call -> call.join().statusCode())).containsOnly(200);
        assertThat(emulator.inFlight()).isZero();
        assertThat(emulator.maxInFlight()).isEqualTo(20);
    }

    @Test
    void aCallLeavesTheInFlightCountBeforeItsReplyArrives() {
        // Given a client that sends its next call only once it has the previous reply, as a capped worker does
        OpenAiEmulator emulator = start(OpenAiEmulator.builder().script(call -> OpenAiReply.text("ok")));

        // When it makes 50 calls one after the other
        List<Integer> countsOnArrival = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            countsOnArrival.add(send(emulator, HELLO).thenApply(response -> emulator.inFlight()).join());
        }

        // Then no reply arrives while its own call is still counted, so one client never looks like two
        assertThat(countsOnArrival).containsOnly(0);
        assertThat(emulator.maxInFlight()).isEqualTo(1);
    }
}
