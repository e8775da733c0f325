package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/** Where {@link LoadClient} sends its messages, and how it reads the answers. */
interface LoadTarget {

    /** What one attempt got back: an HTTP status ({@code 0}: connection error or timeout), body, Retry-After. */
    record Answer(int status, String body, String retryAfter) {
    }

    /** Sends one attempt (every message of it); a retry of the same attempt sends the same messages. */
    CompletableFuture<Answer> send(HttpClient http, LoadClient.Attempt attempt) throws IOException;

    /** The platform took the message. */
    boolean accepted(int status);

    /** Worth trying again with the same message; {@code 0} is a connection error or a client timeout. */
    boolean retryable(int status);

    /** The platform's id for the message from an accepting answer's body, or null when it gives none. */
    String messageId(String body);

    /** How many consecutive messages, starting with message {@code index}, travel in one send (a batch). */
    default int batch(int index) {
        return 1;
    }
}
