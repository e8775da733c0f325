package ai.aleff.ingress.connection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket to a platform (Slack Socket Mode, the Discord Gateway) over the JDK client. Its listener does no
 * work: it only puts complete text messages and the close into its connection's queue, where the connection's
 * virtual thread handles them one by one. It reads the next message only while that queue holds fewer than
 * {@code maxQueued} frames ({@link #resume} asks again once the loop took one), so a flood waits in the socket, not
 * in memory. Sends (acknowledgements from the intakes' threads, heartbeats, pings and the close from the loop's) take
 * turns under a lock, each waiting for the previous one to be written, as the JDK client requires. {@link #hello}
 * marks the platform's first message (Slack's {@code hello}, the Gateway's READY or RESUMED), after which the socket
 * counts as working.
 */
public final class PlatformSocket {

    private static final int MAX_MESSAGE = 1 << 20;

    private final int number;
    private final BlockingQueue<SocketFrame> frames;
    private final Duration sendTimeout;
    private final int maxQueued;
    private final ReentrantLock sending = new ReentrantLock();
    /** The listener stopped asking for messages because the queue was full. */
    private final AtomicBoolean starved = new AtomicBoolean();
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private final long openedAt = System.nanoTime();
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean helloed;
    private WebSocket socket;

    private PlatformSocket(int number, BlockingQueue<SocketFrame> frames, Duration sendTimeout, int maxQueued) {
        this.number = number;
        this.frames = frames;
        this.sendTimeout = sendTimeout;
        this.maxQueued = Math.max(1, maxQueued);
    }

    /**
     * Opens the socket; its frames go to {@code frames}, which it fills to {@code maxQueued} at most.
     *
     * @throws IOException when it cannot be opened within {@code timeout}
     */
    public static PlatformSocket open(HttpClient client, URI url, int number, BlockingQueue<SocketFrame> frames,
            Duration timeout, int maxQueued) throws IOException, InterruptedException {
        PlatformSocket session = new PlatformSocket(number, frames, timeout, maxQueued);
        CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(url, session.new Listener());
        try {
            session.socket = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return session;
        } catch (InterruptedException e) {
            opening.cancel(true);
            throw e;
        } catch (ExecutionException | TimeoutException e) {
            opening.cancel(true);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("the WebSocket did not open (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    /** 1, 2, ... in the order this connection's sockets were opened (for logs). */
    public int number() {
        return number;
    }

    public boolean helloed() {
        return helloed;
    }

    public void hello() {
        helloed = true;
    }

    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedAt);
    }

    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    /** Sends one text message and waits until it is written; from any thread. */
    public void send(String text) throws IOException, InterruptedException {
        sending.lockInterruptibly();
        try {
            await(socket.sendText(text, true));
        } finally {
            sending.unlock();
        }
    }

    public void ping() throws IOException, InterruptedException {
        sending.lockInterruptibly();
        try {
            await(socket.sendPing(ByteBuffer.allocate(0)));
        } finally {
            sending.unlock();
        }
    }

    /** Closes normally (1000) if still open; never waits for the other side's answer. */
    public void close() {
        close(WebSocket.NORMAL_CLOSURE);
    }

    /**
     * Closes with {@code code} if still open; never waits for the other side's answer. The Discord Gateway keeps a
     * session resumable only when the client closes with a code other than 1000 and 1001.
     */
    public void close(int code) {
        sending.lock();
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(code, "")
                        .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ws, e) -> socket.abort());
            } else {
                socket.abort();
            }
        } catch (IllegalStateException e) {
            socket.abort();
        } finally {
            sending.unlock();
        }
    }

    /** Called by the loop after it took a frame: reads on if the listener stopped because the queue was full. */
    public void resume() {
        if (frames.size() < maxQueued && starved.compareAndSet(true, false)) {
            socket.request(1);
        }
    }

    /** Ends the socket at once (a dead socket, a lost lease, a stop). */
    public void abort() {
        socket.abort();
        closed(-1, "aborted");
    }

    private void await(CompletableFuture<WebSocket> written) throws IOException, InterruptedException {
        try {
            written.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            abort();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("sending on socket " + number + " failed (" + cause.getClass().getSimpleName()
                    + ")", cause);
        }
    }

    private void closed(int code, String why) {
        if (closedReported.compareAndSet(false, true)) {
            frames.add(new SocketFrame.Closed(this, code, why));
        }
    }

    /** Collects the parts of each text message; everything else only counts as a sign of life. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            if (partial.length() + data.length() > MAX_MESSAGE) {
                partial.setLength(0);
                webSocket.abort();
                closed(-1, "a message larger than " + MAX_MESSAGE + " characters");
                return null;
            }
            partial.append(data);
            if (!last) {
                webSocket.request(1);
                return null;
            }
            frames.add(new SocketFrame.Text(PlatformSocket.this, partial.toString()));
            partial.setLength(0);
            if (frames.size() < maxQueued) {
                webSocket.request(1);
                return null;
            }
            // Full: the loop asks again (resume) once it took a frame. The second look closes the race with a
            // resume that ran between the size check and the flag.
            starved.set(true);
            if (frames.size() < maxQueued && starved.compareAndSet(true, false)) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode, reason == null ? "" : reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(-1, error.getClass().getSimpleName());
        }
    }
}
