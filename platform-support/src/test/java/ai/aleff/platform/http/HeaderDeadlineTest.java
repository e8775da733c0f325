package ai.aleff.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class HeaderDeadlineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] TIMEOUT_RESPONSE = "HTTP/1.1 408 Request Timeout\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final HeaderDeadline deadline = new HeaderDeadline(TIMEOUT.toNanos(), TIMEOUT_RESPONSE);
    private final EmbeddedChannel connection = connection(deadline);

    @Test
    void headThatNeverEndsIsAnswered408AndClosedWhenTheTimeoutRunsOut() {
        // Given a connection that sent part of a head
        read("GET / HTTP/1.1\r\nX-Slow: a");

        // When the timeout runs out
        elapse(TIMEOUT);

        // Then
        assertThat(written()).startsWith("HTTP/1.1 408");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void connectionThatSendsNothingIsClosedToo() {
        elapse(TIMEOUT);

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void clockIsStillRunningJustBeforeTheTimeout() {
        read("GET / HTTP/1.1\r\n");

        elapse(TIMEOUT.minusMillis(1));

        assertThat(connection.isOpen()).isTrue();
        assertThat((Object) connection.readOutbound()).isNull();
    }

    @Test
    void requestWhoseHeadArrivedIsNotCutByLaterReadsOrTime() {
        // Given a request whose head arrived (a slow upload, or an SSE stream)
        deadline.headReceived(false);

        // When body bytes trickle in for much longer than the timeout
        for (int i = 0; i < 5; i++) {
            read("x");
            elapse(TIMEOUT);
        }

        // Then
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void idleKeptAliveConnectionIsLeftToTheIdleTimeout() {
        // Given a request that was answered
        deadline.headReceived(false);
        deadline.responseEnded();

        // When nothing more arrives
        elapse(TIMEOUT.multipliedBy(3));

        // Then it stays open
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void nextRequestOnAKeptAliveConnectionGetsItsOwnClock() {
        // Given an answered request, then the first bytes of another one
        deadline.headReceived(false);
        deadline.responseEnded();
        elapse(TIMEOUT.multipliedBy(2));
        read("GET /next HTTP/1.1\r\n");

        // When its head does not complete in time
        elapse(TIMEOUT);

        // Then
        assertThat(written()).startsWith("HTTP/1.1 408");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void anythingTheServerWritesStopsTheClock() {
        // Given the server answered a request that never reached the platform's route (Vert.x' own 431, say)
        read("GET / HTTP/1.1\r\n");
        connection.writeOutbound(Unpooled.copiedBuffer("HTTP/1.1 431 x\r\n\r\n", StandardCharsets.US_ASCII));
        connection.readOutbound();

        // When
        elapse(TIMEOUT.multipliedBy(2));

        // Then no 408 follows
        assertThat((Object) connection.readOutbound()).isNull();
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void http2ConnectionIsLeftAloneAfterItsFirstRequest() {
        deadline.headReceived(true);
        deadline.responseEnded();
        read("ping");

        elapse(TIMEOUT.multipliedBy(2));

        assertThat(connection.isOpen()).isTrue();
    }

    /** An open connection whose clock only moves when the test says so. */
    private static EmbeddedChannel connection(HeaderDeadline deadline) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addFirst(deadline);
        return channel;
    }

    private void read(String bytes) {
        connection.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        ByteBuf passedOn = connection.readInbound();
        passedOn.release();
    }

    private void elapse(Duration duration) {
        connection.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        connection.runScheduledPendingTasks();
        connection.runPendingTasks();
    }

    private String written() {
        ByteBuf out = connection.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }
}
