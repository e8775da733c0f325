package ai.aleff.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on a loopback port in front of one or more backends, as a load balancer in front of several service
 * instances, with the faults a network has: {@link #cutAll()} closes every open connection at once (both sides, as
 * a dropped link or a restarted balancer would), and {@link #refuseNew()} turns every new connection away until
 * {@link #acceptNew()}. It knows which backend each open connection goes to and the last HTTP request line the client
 * sent on it, so a test can find the instance serving, say, a long-lived event stream. Bytes pass unchanged; one
 * virtual thread per direction per connection.
 */
public final class LoopbackProxy implements AutoCloseable {

    /** How a new connection picks its backend; a backend that refuses the connection is skipped either way. */
    public enum Routing {
        /** The first backend of the list that accepts the connection. */
        FIRST_ALIVE,
        /** Each new connection starts one backend further along the list. */
        ROUND_ROBIN
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final Pattern REQUEST_LINE = Pattern.compile("^([A-Z]+ \\S+ HTTP/1\\.[01])\r?\n");

    private final ServerSocket server;
    private final Routing routing;
    private final List<InetSocketAddress> backends;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;

    private LoopbackProxy(ServerSocket server, Routing routing, List<InetSocketAddress> backends) {
        this.server = server;
        this.routing = routing;
        this.backends = new CopyOnWriteArrayList<>(backends);
    }

    /** Listens on a free loopback port and forwards to the backends (at least one). */
    public static LoopbackProxy start(Routing routing, List<InetSocketAddress> backends) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs at least one backend");
        }
        try {
            ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            LoopbackProxy proxy = new LoopbackProxy(server, routing, backends);
            Thread.ofVirtual().name("loopback-proxy-" + server.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /** The backend of a {@code http://host:port} base URL. */
    public static InetSocketAddress backend(String baseUrl) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}: what a client (a browser page) uses instead of the backends. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Adds a backend for connections made from now on (a second instance that became ready). */
    public void addBackend(InetSocketAddress backend) {
        backends.add(backend);
    }

    /** Closes every open connection, client and backend side, at once. New connections are accepted as before. */
    public void cutAll() {
        for (Link link : List.copyOf(links)) {
            link.close();
        }
    }

    /** From now on every new connection is closed as soon as it is accepted, before any backend sees it. */
    public void refuseNew() {
        refusing = true;
    }

    /** Ends {@link #refuseNew()}. */
    public void acceptNew() {
        refusing = false;
    }

    /** Connections accepted so far (refused ones included). */
    public int accepted() {
        return accepted.get();
    }

    /** The open connections now. */
    public List<OpenConnection> openConnections() {
        return links.stream().map(link -> new OpenConnection(link.backend, link.lastRequestLine)).toList();
    }

    /**
     * The backend of an open connection whose last request line contains the fragment (e.g. {@code "GET /x/stream"}),
     * if there is one. A streaming response keeps its connection, so its request line stays the last one on it.
     */
    public Optional<InetSocketAddress> backendServing(String requestLineFragment) {
        return links.stream()
                .filter(link -> link.lastRequestLine != null && link.lastRequestLine.contains(requestLineFragment))
                .map(link -> link.backend)
                .findFirst();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        cutAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        int size = backends.size();
        int first = routing == Routing.ROUND_ROBIN ? Math.floorMod(next.getAndIncrement(), size) : 0;
        for (int i = 0; i < size; i++) {
            InetSocketAddress backend = backends.get((first + i) % size);
            Socket upstream = new Socket();
            try {
                upstream.connect(backend, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                closeQuietly(upstream);
                continue; // down: the next one
            }
            Link link = new Link(client, upstream, backend);
            links.add(link);
            Thread.ofVirtual().start(() -> link.pump(true));
            Thread.ofVirtual().start(() -> link.pump(false));
            return;
        }
        closeQuietly(client); // no backend alive
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /**
     * One open connection: the backend it goes to, and the last HTTP request line the client sent on it (null
     * before the first).
     */
    public record OpenConnection(InetSocketAddress backend, String lastRequestLine) {
    }

    /** A client connection and its backend connection; closing one direction closes both. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        private final InetSocketAddress backend;
        private volatile String lastRequestLine;

        Link(Socket client, Socket upstream, InetSocketAddress backend) {
            this.client = client;
            this.upstream = upstream;
            this.backend = backend;
        }

        void pump(boolean fromClient) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = (fromClient ? client : upstream).getInputStream();
                    OutputStream out = (fromClient ? upstream : client).getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromClient) {
                        noteRequestLine(buffer, read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                // closed by cutAll, or reset by the other side: the end of this link either way
            } catch (IOException e) {
                // the same
            } finally {
                close();
            }
        }

        /**
         * Browsers write each request head in one go, so a read that begins with a request line starts a request;
         * a body that happens to look like one would only mislabel the connection, never alter its bytes.
         */
        private void noteRequestLine(byte[] buffer, int read) {
            Matcher line = REQUEST_LINE.matcher(
                    new String(buffer, 0, Math.min(read, 2048), StandardCharsets.ISO_8859_1));
            if (line.find()) {
                lastRequestLine = line.group(1);
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }
}
