package ai.aleff.platform.http;

import java.lang.reflect.Field;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Gives every accepted HTTP connection its {@link HeaderDeadline}. Neither Quarkus nor Vert.x has a header read
 * timeout or a hook for new connections (Quarkus keeps the server's connection handler for its own connection
 * limit), so this adds a handler to the listening channels once the servers are up: it sees each accepted
 * connection before Vert.x sets up its pipeline. Quarkus fires the start events asynchronously: connections accepted
 * in the first moments after start-up may go without a deadline. Reading the listening channel needs Vert.x internals; should they
 * change, the service starts without the deadline and logs a warning, and the header-timeout tests fail.
 */
@ApplicationScoped
public class HeaderDeadlines {

    private static final Logger LOG = Logger.getLogger(HeaderDeadlines.class);

    private final Vertx vertx;
    private final HttpLimitSettings limits;
    private final ProblemResponses problems;

    public HeaderDeadlines(Vertx vertx, HttpLimitSettings limits, ProblemResponses problems) {
        this.vertx = vertx;
        this.limits = limits;
        this.problems = problems;
    }

    void onHttp(@ObservesAsync HttpServerStart started) {
        attach();
    }

    void onHttps(@ObservesAsync HttpsServerStart started) {
        attach();
    }

    private synchronized void attach() {
        if (limits.headerReadTimeout().isZero()) {
            return;
        }
        byte[] timeout = problems.rawHttp(HttpResponseStatus.REQUEST_TIMEOUT, "The request headers did not arrive "
                + "within " + limits.headerReadTimeout().toSeconds() + " s; the connection is closed.");
        ChannelHandler acceptor = new Acceptor(limits.headerReadTimeout().toNanos(), timeout);
        try {
            for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
                Channel listening = listeningChannel(server);
                if (listening != null && listening.pipeline().get(Acceptor.NAME) == null) {
                    listening.pipeline().addFirst(Acceptor.NAME, acceptor);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("No header read timeout: cannot reach the HTTP server's listening channel (%s)", e.toString());
        }
    }

    private static Channel listeningChannel(TCPServerBase server) throws ReflectiveOperationException {
        Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
        bind.setAccessible(true);
        io.vertx.core.Future<?> bound = (io.vertx.core.Future<?>) bind.get(server);
        return bound != null && bound.succeeded() ? (Channel) bound.result() : null;
    }

    /** On a listening channel: hands each accepted connection its deadline before Vert.x initialises it. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {

        static final String NAME = "aleff-header-deadlines";
        private final long timeoutNanos;
        private final byte[] timeoutResponse;

        Acceptor(long timeoutNanos, byte[] timeoutResponse) {
            this.timeoutNanos = timeoutNanos;
            this.timeoutResponse = timeoutResponse;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(HeaderDeadline.NAME, new HeaderDeadline(timeoutNanos, timeoutResponse));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
