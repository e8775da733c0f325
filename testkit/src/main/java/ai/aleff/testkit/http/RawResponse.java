package ai.aleff.testkit.http;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP response read from a raw socket.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body as text
 */
public record RawResponse(int status, Map<String, String> headers, String body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
