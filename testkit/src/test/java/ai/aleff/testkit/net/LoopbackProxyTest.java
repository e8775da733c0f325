package ai.aleff.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import ai.aleff.testkit.net.LoopbackProxy.Routing;

class LoopbackProxyTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void forwardsToTheFirstBackendThatAcceptsSkippingOneThatIsDown() throws Exception {
        // Given a proxy whose first backend is down and whose second answers "b"
        InetSocketAddress down = new InetSocketAddress("127.0.0.1", ai.aleff.deploy.FreePort.find());
        LoopbackProxy proxy = proxy(Routing.FIRST_ALIVE, down, backend("b"));

        // When a client asks twice, Then the second backend answers both
        assertThat(get(proxy, "/x")).isEqualTo("b");
        assertThat(get(proxy, "/x")).isEqualTo("b");
    }

    @Test
    void roundRobinStartsEachNewConnectionOneBackendFurther() throws Exception {
        // Given two backends behind a round-robin proxy
        LoopbackProxy proxy = proxy(Routing.ROUND_ROBIN, backend("a"), backend("b"));

        // When four new connections ask, Then they alternate
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(rawGet(proxy, "/x"));
        }
        assertThat(answers).containsExactly("a", "b", "a", "b");
    }

    @Test
    void cutAllClosesEveryOpenConnectionAtOnceAndNewOnesStillGetThrough() throws Exception {
        // Given two clients with a request under way on a backend that streams and never ends
        HttpServer streaming = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        streaming.createContext("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("first\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            // holds the connection open until the proxy cuts it
        });
        streaming.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        streaming.start();
        opened.add(() -> streaming.stop(0));
        InetSocketAddress backend = new InetSocketAddress("127.0.0.1", streaming.getAddress().getPort());
        LoopbackProxy proxy = proxy(Routing.FIRST_ALIVE, backend);
        Socket one = openStream(proxy);
        Socket two = openStream(proxy);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections().size() == 2);
        assertThat(proxy.backendServing("GET /stream")).contains(backend);

        // When the proxy cuts all connections
        proxy.cutAll();

        // Then both clients see their connection end, the proxy has none open, and a new one is served
        assertThat(readToEnd(one)).contains("first");
        assertThat(readToEnd(two)).contains("first");
        assertThat(proxy.openConnections()).isEmpty();
        assertThat(proxy.backendServing("GET /stream")).isEmpty();
        Socket three = openStream(proxy);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.backendServing("GET /stream").isPresent());
        three.close();
    }

    @Test
    void refusesNewConnectionsUntilToldToAcceptAgain() throws Exception {
        // Given a proxy refusing new connections
        LoopbackProxy proxy = proxy(Routing.FIRST_ALIVE, backend("a"));
        proxy.refuseNew();

        // When a client connects, Then the connection is closed without an answer
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream().write(request("/x"));
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        } catch (IOException reset) {
            // a reset is a refusal too
        }

        // When it accepts again, Then the backend answers
        proxy.acceptNew();
        assertThat(get(proxy, "/x")).isEqualTo("a");
        assertThat(proxy.accepted()).isEqualTo(2);
    }

    private LoopbackProxy proxy(Routing routing, InetSocketAddress... backends) {
        LoopbackProxy proxy = LoopbackProxy.start(routing, List.of(backends));
        opened.add(proxy);
        return proxy;
    }

    /** A backend answering every request with its name. */
    private InetSocketAddress backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        opened.add(() -> server.stop(0));
        return new InetSocketAddress("127.0.0.1", server.getAddress().getPort());
    }

    private static String get(LoopbackProxy proxy, String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(java.net.URI.create(proxy.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** One request on a connection of its own (Connection: close), the body of its answer. */
    private static String rawGet(LoopbackProxy proxy, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request(path));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private Socket openStream(LoopbackProxy proxy) throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(
                StandardCharsets.US_ASCII));
        opened.add(socket);
        return socket;
    }

    private static String readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] request(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
