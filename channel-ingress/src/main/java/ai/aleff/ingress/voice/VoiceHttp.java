package ai.aleff.ingress.voice;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Blocking HTTP for the voice worker (it runs on virtual threads): the JDK client, no redirects, no automatic retry.
 * URLs can carry the Telegram bot token, so failures name only the step and a status or exception class.
 */
@ApplicationScoped
public class VoiceHttp {

    private final HttpClient client;
    private final VoiceSettings settings;

    public VoiceHttp(VoiceSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GETs a JSON object; {@code authorization} may be null. */
    JsonObject getJson(String step, URI uri, String authorization) {
        HttpResponse<String> response = send(step, request(uri, authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        ok(step, response.statusCode());
        try {
            return new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw new VoiceFailure(step + ": the answer is not a JSON object", false);
        }
    }

    /** GETs a file, at most {@code limit} bytes. */
    byte[] download(String step, URI uri, String authorization, long limit) {
        HttpResponse<InputStream> response = send(step, request(uri, authorization).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            ok(step, response.statusCode());
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > limit) {
                throw new AudioTooLargeException(limit);
            }
            return Audio.readAtMost(body, limit);
        } catch (IOException e) {
            throw new VoiceFailure(step + ": reading failed (" + e.getClass().getSimpleName() + ")", false);
        }
    }

    /** POSTs a multipart body and reads a JSON object. */
    JsonObject postMultipart(String step, URI uri, String authorization, Multipart body) {
        HttpRequest request = request(uri, authorization).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        HttpResponse<String> response = send(step, request, HttpResponse.BodyHandlers.ofString());
        ok(step, response.statusCode());
        try {
            return new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw new VoiceFailure(step + ": the answer is not a JSON object", false);
        }
    }

    private HttpRequest.Builder request(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private <T> HttpResponse<T> send(String step, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new VoiceFailure(step + ": no answer (" + e.getClass().getSimpleName() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VoiceFailure(step + ": interrupted", false);
        }
    }

    /** 2xx passes; 429 and 5xx are worth another attempt; any other answer will not change. */
    private static void ok(String step, int status) {
        if (status / 100 == 2) {
            return;
        }
        throw new VoiceFailure(step + ": HTTP " + status, status != 429 && status < 500);
    }
}
