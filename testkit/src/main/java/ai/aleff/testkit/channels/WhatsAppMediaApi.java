package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WhatsApp Cloud API media on loopback (WireMock): {@code GET /<media-id>} with the bearer token answers
 * {@code {"messaging_product":"whatsapp","url","mime_type","sha256","file_size","id"}} and the {@code url} serves the
 * bytes, again only with the bearer token; without it both answer 401 with Graph's error object
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media).
 */
public final class WhatsAppMediaApi implements AutoCloseable {

    private final WireMockServer server;

    private WhatsAppMediaApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true));
        server.start();
    }

    public static WhatsAppMediaApi start() {
        return new WhatsAppMediaApi();
    }

    /** The Graph base URL to configure (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Registers media {@code mediaId}, readable with {@code accessToken}. */
    public void media(String accessToken, String mediaId, String mimeType, byte[] content) {
        String bearer = "Bearer " + accessToken;
        String download = "/download/" + mediaId;
        server.stubFor(get(urlPathEqualTo("/" + mediaId)).atPriority(10).willReturn(unauthorized()));
        server.stubFor(get(urlPathEqualTo("/" + mediaId)).atPriority(1).withHeader("Authorization", equalTo(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"url\":\"" + baseUrl() + download
                                + "\",\"mime_type\":\"" + mimeType + "\",\"sha256\":\"00\",\"file_size\":"
                                + content.length + ",\"id\":\"" + mediaId + "\"}")));
        server.stubFor(get(urlPathEqualTo(download)).atPriority(10).willReturn(unauthorized()));
        server.stubFor(get(urlPathEqualTo(download)).atPriority(1).withHeader("Authorization", equalTo(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", mimeType).withBody(content)));
    }

    /** How often the bytes of {@code mediaId} were downloaded. */
    public int downloads(String mediaId) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/download/" + mediaId))).size();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\","
                        + "\"code\":190}}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
