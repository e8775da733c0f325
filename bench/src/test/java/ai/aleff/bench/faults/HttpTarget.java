package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** A target reached with one HTTP request per attempt: the API or a channel's webhook. */
interface HttpTarget extends LoadTarget {

    /** The request for one attempt; a retry of the same attempt builds the same request. */
    HttpRequest request(LoadClient.Attempt attempt) throws IOException;

    @Override
    default CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) throws IOException {
        return http.sendAsync(request(attempt), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> response == null
                        ? new Answer(0, null, null)
                        : new Answer(response.statusCode(), response.body(),
                                response.headers().firstValue("Retry-After").orElse(null)));
    }
}
