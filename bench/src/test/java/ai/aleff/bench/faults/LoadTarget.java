package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.http.HttpRequest;

/** Where {@link LoadClient} sends its messages, and how it reads the answers. */
interface LoadTarget {

    /** The request for one attempt; a retry of the same message builds the same request. */
    HttpRequest request(LoadClient.Attempt attempt) throws IOException;

    /** The platform took the message. */
    boolean accepted(int status);

    /** Worth trying again with the same message; {@code 0} is a connection error or a client timeout. */
    boolean retryable(int status);

    /** The platform's id for the message from an accepting answer's body, or null when it gives none. */
    String messageId(String body);
}
