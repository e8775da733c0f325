package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * An OpenAI-compatible speech-to-text endpoint on loopback (WireMock): {@code POST /v1/audio/transcriptions}
 * (multipart: {@code file}, {@code model}, optional {@code response_format}) answers {@code {"text": ...}}
 * (https://platform.openai.com/docs/api-reference/audio/createTranscription). The transcript is chosen per audio
 * content ({@link #transcript}); {@link #failFirst} answers a status before the transcript. Every request is
 * journaled with its parts and headers.
 */
public final class TranscriptionApi implements AutoCloseable {

    private static final String PATH = "/v1/audio/transcriptions";

    private final WireMockServer server;

    private TranscriptionApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true));
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(100).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid file format.\",\"type\":\"invalid_request_error\"}}")));
    }

    public static TranscriptionApi start() {
        return new TranscriptionApi();
    }

    /** The {@code baseUrl} to configure: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Audio whose bytes contain {@code marker} (ASCII) is transcribed as {@code text}. */
    public void transcript(String marker, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(10).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")));
    }

    /** The first {@code times} requests for audio containing {@code marker} are answered {@code status}. */
    public void failFirst(String marker, int status, int times) {
        String scenario = "fail-" + marker;
        for (int i = 0; i < times; i++) {
            server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1))
                    .withRequestBody(containing(marker))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody(
                                    "{\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\"}}")));
        }
    }

    /** Every request for audio containing {@code marker}, in arrival order. */
    public List<Call> requests(String marker) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(containing(marker)))
                .stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(Call::of)
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * One request: its Authorization header (null when absent), the {@code model} field, the {@code file} part's
     * bytes, file name and content type.
     */
    public record Call(String authorization, String model, byte[] file, String fileName, String fileType) {

        static Call of(LoggedRequest request) {
            String model = null;
            byte[] file = null;
            String fileName = null;
            String fileType = null;
            for (Request.Part part : request.getParts()) {
                if ("model".equals(part.getName())) {
                    model = part.getBody().asString();
                } else if ("file".equals(part.getName())) {
                    file = part.getBody().asBytes();
                    String disposition = part.getHeader("Content-Disposition").firstValue();
                    fileName = disposition.replaceAll(".*filename=\"([^\"]*)\".*", "$1");
                    fileType = part.getHeader("Content-Type").firstValue();
                }
            }
            String authorization = request.containsHeader("Authorization")
                    ? request.getHeader("Authorization")
                    : null;
            return new Call(authorization, model, file, fileName, fileType);
        }
    }
}
