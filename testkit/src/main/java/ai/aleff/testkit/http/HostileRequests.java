package ai.aleff.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests no well-behaved client sends, written on a raw socket so that nothing on the client side trims, splits
 * or retries them: an oversized URI, oversized headers, a declared body over the limit, a head that never ends
 * (slowloris) and a valid head followed by a body trickled over a long time.
 */
public final class HostileRequests {

    /** How often the slow clients send a byte; also how long each read waits for the server's answer. */
    private static final Duration TRICKLE = Duration.ofSeconds(1);
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    private HostileRequests(int port) {
        this.port = port;
    }

    /** Requests to the service listening on this loopback port. */
    public static HostileRequests to(int port) {
        return new HostileRequests(port);
    }

    /** A GET whose request target is {@code length} characters long. */
    public RawResponse longUri(String path, int length) throws IOException {
        String uri = path + "?q=" + "a".repeat(Math.max(0, length - path.length() - 3));
        return exchange("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    /** A GET whose headers take about {@code bytes} bytes, spread over headers of 1 KiB. */
    public RawResponse largeHeaders(String path, int bytes) throws IOException {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i * 1024 < bytes; i++) {
            head.append("X-Filler-").append(i).append(": ").append("h".repeat(1000)).append("\r\n");
        }
        return exchange(head.append("\r\n").toString());
    }

    /** A JSON POST that declares {@code length} body bytes and sends only the first few. */
    public RawResponse declaredBody(String path, long length) throws IOException {
        return exchange("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n\r\n{\"padding\":\"");
    }

    /**
     * A head that never ends: a byte of a header value every second until the server answers or closes.
     *
     * @param giveUpAfter how long the client trickles before failing the test
     * @return the server's answer and when it came
     */
    public Slowloris slowloris(String path, Duration giveUpAfter) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawResponse answer = trickleUntilAnswered(socket, "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII),
                    1, giveUpAfter).answer();
            if (answer == null) {
                throw new AssertionError("The server kept a never-ending request head open for " + giveUpAfter);
            }
            return new Slowloris(answer, Duration.ofNanos(System.nanoTime() - started), closedByServer(socket));
        }
    }

    /**
     * A complete head, then its body in pieces, one a second: a slow but valid request that must not be cut.
     *
     * @param head the request line and headers, each ending with CRLF, without Content-Length
     * @param pieces how many pieces the body is sent in (the whole takes that many seconds)
     * @return the server's answer once the whole body was sent
     */
    public RawResponse slowBody(String head, String body, int pieces) throws IOException {
        try (Socket socket = connect()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String fullHead = head + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(fullHead.getBytes(StandardCharsets.US_ASCII));
            Trickle trickle = trickleUntilAnswered(socket, bytes, Math.max(1, (bytes.length + pieces - 1) / pieces),
                    Duration.ofMinutes(5));
            if (trickle.answer() != null && trickle.sent() < bytes.length) {
                throw new AssertionError("The server answered after " + trickle.sent() + " of " + bytes.length
                        + " body bytes: " + trickle.answer());
            }
            if (trickle.answer() != null) {
                return trickle.answer();
            }
            socket.setSoTimeout(READ_TIMEOUT_MS);
            return read(socket.getInputStream());
        }
    }

    /** Asserts that the response is problem+json with this status and a detail that contains the text. */
    public static JsonNode assertProblem(RawResponse response, int status, String detailContains) throws IOException {
        if (response.status() != status) {
            throw new AssertionError("Expected status " + status + " but got " + response);
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            throw new AssertionError("Expected application/problem+json but got " + response);
        }
        JsonNode problem = JSON.readTree(response.body());
        if (problem.path("status").asInt() != status || problem.path("title").asText().isBlank()
                || problem.path("type").asText().isBlank()
                || !problem.path("detail").asText().contains(detailContains)) {
            throw new AssertionError("Expected a problem with status " + status + ", a type, a title and a detail "
                    + "containing '" + detailContains + "' but got " + response.body());
        }
        return problem;
    }

    /**
     * Sends {@code step} bytes per {@link #TRICKLE} until the bytes run out or the time is up.
     *
     * @return the server's answer (null when it said nothing while the bytes were sent or the time ran out) and how
     *         many bytes were sent before it
     */
    private static Trickle trickleUntilAnswered(Socket socket, byte[] bytes, int step, Duration giveUpAfter)
            throws IOException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        socket.setSoTimeout((int) TRICKLE.toMillis());
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        int sent = 0;
        while (sent < bytes.length && System.nanoTime() < deadline) {
            try {
                int piece = Math.min(step, bytes.length - sent);
                out.write(bytes, sent, piece);
                out.flush();
                sent += piece;
            } catch (IOException closed) {
                // The server closed while we wrote: its answer is waiting to be read.
                socket.setSoTimeout(READ_TIMEOUT_MS);
                return new Trickle(read(in), sent);
            }
            try {
                int first = in.read(); // Waiting for an answer is what paces the trickle.
                if (first < 0) {
                    throw new AssertionError("The server closed the connection without an answer");
                }
                socket.setSoTimeout(READ_TIMEOUT_MS);
                return new Trickle(read(new PrefixedStream((byte) first, in)), sent);
            } catch (SocketTimeoutException stillSilent) {
                // Nothing yet: send the next byte.
            }
        }
        return new Trickle(null, sent);
    }

    private record Trickle(RawResponse answer, int sent) {
    }

    private RawResponse exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    private static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads one response: the head, then Content-Length bytes (or everything up to the close). */
    private static RawResponse read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new AssertionError("Not an HTTP response: " + head);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new RawResponse(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("The connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * What a slowloris client saw.
     *
     * @param response the server's answer
     * @param after how long after the connection's opening it came
     * @param closed whether the server closed the connection after answering
     */
    public record Slowloris(RawResponse response, Duration after, boolean closed) {
    }

    /** The byte that ended a wait, put back in front of the rest of the stream. */
    private static final class PrefixedStream extends InputStream {

        private final InputStream rest;
        private int first;

        PrefixedStream(byte first, InputStream rest) {
            this.first = first & 0xff;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            if (first >= 0) {
                int b = first;
                first = -1;
                return b;
            }
            return rest.read();
        }
    }
}
