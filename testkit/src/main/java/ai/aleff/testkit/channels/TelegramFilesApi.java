package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The file side of Telegram's Bot API on loopback (WireMock): {@code getFile?file_id=..} answers
 * {@code {"ok":true,"result":{"file_id","file_unique_id","file_size","file_path"}}} for a registered file
 * ({@link #file}) and {@code 400 "Bad Request: invalid file_id"} otherwise, and the file itself is served at
 * {@code /file/bot<token>/<file_path>} (https://core.telegram.org/bots/api#getfile). Downloads are counted per file.
 */
public final class TelegramFilesApi implements AutoCloseable {

    private final WireMockServer server;

    private TelegramFilesApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true));
        server.start();
        server.stubFor(get(urlPathMatching("/bot[^/]+/getFile")).atPriority(100).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid file_id\"}")));
    }

    public static TelegramFilesApi start() {
        return new TelegramFilesApi();
    }

    /** The Bot API base URL to configure (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Registers a file for bot {@code token}; returns its {@code file_path}. */
    public String file(String token, String fileId, byte[] content) {
        String path = "voice/file_" + Math.abs(fileId.hashCode()) + ".oga";
        server.stubFor(get(urlPathEqualTo("/bot" + token + "/getFile")).withQueryParam("file_id", equalTo(fileId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"result\":{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"u"
                                + Math.abs(fileId.hashCode()) + "\",\"file_size\":" + content.length
                                + ",\"file_path\":\"" + path + "\"}}")));
        server.stubFor(get(urlPathEqualTo("/file/bot" + token + "/" + path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(content)));
        return path;
    }

    /** How often the file at {@code path} was downloaded with bot {@code token}. */
    public int downloads(String token, String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/file/bot" + token + "/" + path))).size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
