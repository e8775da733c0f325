package ai.aleff.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads a server-sent-events stream in the background and keeps what arrives: the raw lines (to see the opening
 * comment) and the complete events (name, id, data).
 */
final class SseRecorder implements AutoCloseable {

    /** One dispatched event. */
    record Event(String name, String id, String data) {
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile int status;

    private SseRecorder(HttpClient client, HttpRequest request) {
        // The status is kept as soon as the headers arrive: the response itself completes only when the stream ends.
        response = client.sendAsync(request, info -> {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(new LineSink());
        });
    }

    static SseRecorder open(String url, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build();
        return new SseRecorder(HttpClient.newHttpClient(), request);
    }

    List<String> lines() {
        return lines;
    }

    List<Event> events() {
        return events;
    }

    int status() {
        return status;
    }

    @Override
    public void close() {
        response.cancel(true);
    }

    /** Splits the stream into events at blank lines, as the SSE specification says. */
    private final class LineSink implements java.util.concurrent.Flow.Subscriber<String> {

        private String name = "message";
        private String id;
        private final List<String> data = new ArrayList<>();

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name, id, String.join("\n", data)));
                }
                name = "message";
                id = null;
                data.clear();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).stripLeading());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // The stream ends when the test cancels it or the platform stops.
        }

        @Override
        public void onComplete() {
        }
    }
}
