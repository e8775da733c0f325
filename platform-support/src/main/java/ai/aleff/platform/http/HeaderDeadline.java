package ai.aleff.platform.http;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One connection's clock for its request heads, first in the connection's pipeline. It runs from the connection's
 * opening, and from the first byte read while no request is open, until the request's head arrived
 * ({@link RequestLimits} reports it) or the server writes anything. When it runs out the connection is answered 408
 * and closed: a client that trickles its headers (slowloris) cannot hold a connection. While a request is open
 * (its head arrived, its response did not end) nothing read re-arms it, so slow bodies and SSE streams are never cut.
 * HTTP/2 connections are left alone after their first request (pings and streams have no head to wait for).
 */
final class HeaderDeadline extends ChannelDuplexHandler {

    static final String NAME = "aleff-header-deadline";
    private static final AttributeKey<HeaderDeadline> KEY = AttributeKey.valueOf(NAME);

    private final long timeoutNanos;
    private final byte[] timeoutResponse;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> timer;
    private int openRequests;
    private boolean disabled;

    HeaderDeadline(long timeoutNanos, byte[] timeoutResponse) {
        this.timeoutNanos = timeoutNanos;
        this.timeoutResponse = timeoutResponse;
    }

    /** Called on the request's connection once its head was parsed. */
    static void headersReceived(HttpServerRequest request) {
        on(request, deadline -> deadline.headReceived(request.version() == HttpVersion.HTTP_2));
    }

    /** Called once the request's response ended (or its connection closed). */
    static void responseEnded(HttpServerRequest request) {
        on(request, HeaderDeadline::responseEnded);
    }

    void headReceived(boolean http2) {
        cancel();
        openRequests++;
        disabled |= http2;
    }

    void responseEnded() {
        openRequests = Math.max(0, openRequests - 1);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        ctx.channel().attr(KEY).set(this);
        if (ctx.channel().isActive()) {
            arm();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (openRequests == 0) {
            arm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // The server answers only what it read a head for (including Vert.x' own 400/414/431 and early routes).
        cancel();
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void arm() {
        if (timer == null && !disabled && timeoutNanos > 0) {
            timer = context.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (openRequests == 0 && context.channel().isActive()) {
            context.writeAndFlush(Unpooled.wrappedBuffer(timeoutResponse)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void on(HttpServerRequest request, Consumer<HeaderDeadline> action) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            return;
        }
        Channel channel = connection.channel();
        HeaderDeadline deadline = channel.attr(KEY).get();
        if (deadline == null) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            action.accept(deadline);
        } else {
            channel.eventLoop().execute(() -> action.accept(deadline));
        }
    }
}
