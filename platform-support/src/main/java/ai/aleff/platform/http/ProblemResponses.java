package ai.aleff.platform.http;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerResponse;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;

/** problem+json written below JAX-RS, where no exception mapper runs: on a Vert.x response or as raw HTTP bytes. */
@Singleton
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** Ends the response with the problem and closes the connection: what is left of the request is not read. */
    public void endAndClose(HttpServerResponse response, HttpResponseStatus status, String detail) {
        response.setStatusCode(status.code())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(new String(body(status, detail), StandardCharsets.UTF_8));
    }

    /** A complete HTTP/1.1 response with the problem, for a connection whose request never became one. */
    public byte[] rawHttp(HttpResponseStatus status, String detail) {
        byte[] body = body(status, detail);
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n" + "Content-Type: "
                + Problems.MEDIA_TYPE + "\r\n" + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }

    private byte[] body(HttpResponseStatus status, String detail) {
        try {
            return json.writeValueAsBytes(new Problem("about:blank", status.reasonPhrase(), status.code(), detail,
                    null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record is always serialisable", e);
        }
    }
}
