package ai.aleff.ingress.conversation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.ingress.repository.ReplyLogRepository.Logged;

/**
 * The reply streams of the widget and of the integrator API (docs/widget.md, "Transport"): every reply of a
 * conversation after a start seq, read from the durable reply log, each exactly once and in order, on whichever
 * instance serves the stream. The log is read when a stream starts (a resume), and after that only when it has to be: a
 * reply this instance stores is handed to the streams of its conversation with its seq and sent as it is when it
 * follows the last one sent ({@link ReplyBroadcaster}); one stored by another instance is announced by PostgreSQL
 * ({@link ReplyNotifications}) and read by those streams alone; a slow poll every
 * {@code aleff.ingress.reply-log-poll-interval} is the safety net.
 */
@ApplicationScoped
public class ReplyLogStreams {

    public static final String KEEP_ALIVE = "keep-alive";
    public static final String SUBSCRIBED = "subscribed";

    private final ReplyLogRepository log;
    private final ReplyBroadcaster broadcaster;
    private final IngressSettings settings;
    private final Vertx vertx;

    public ReplyLogStreams(ReplyLogRepository log, ReplyBroadcaster broadcaster, IngressSettings settings,
            Vertx vertx) {
        this.log = log;
        this.broadcaster = broadcaster;
        this.settings = settings;
        this.vertx = vertx;
    }

    /** The seq a stream starts after: the given event id, else the conversation's latest reply (from now on). */
    public Uni<Long> startAfter(String tenantId, String conversationId, Long lastEventId) {
        return lastEventId != null
                ? Uni.createFrom().item(lastEventId)
                : log.lastReplySeq(tenantId, conversationId);
    }

    /**
     * An SSE stream of the conversation's replies after {@code start}: a comment {@value #SUBSCRIBED} once it follows
     * the log (a reply stored after that is never missed), then each reply as {@code event(reply)}, a comment
     * {@value #KEEP_ALIVE} every {@code aleff.ingress.sse-keep-alive-interval}.
     *
     * @param alongside started with the stream (e.g. a credential watch that ends it); returns what undoes it
     */
    public Multi<OutboundSseEvent> open(Sse sse, String tenantId, String conversationId, Uni<Long> start,
            Function<Logged, OutboundSseEvent> event,
            Function<MultiEmitter<? super OutboundSseEvent>, Runnable> alongside) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<Runnable> stop = new AtomicReference<>(() -> {
            });
            AtomicBoolean ended = new AtomicBoolean();
            Runnable undo = alongside.apply(emitter);
            // A comment now and then keeps proxies and load balancers from closing a quiet stream as idle.
            long keepAlive = vertx.setPeriodic(settings.sseKeepAliveInterval().toMillis(),
                    id -> emitter.emit(sse.newEventBuilder().comment(KEEP_ALIVE).build()));
            emitter.onTermination(() -> {
                ended.set(true);
                vertx.cancelTimer(keepAlive);
                undo.run();
                stop.get().run();
            });
            start.subscribe().with(after -> {
                ReplyLogStream reader = new ReplyLogStream(log, tenantId, conversationId, after,
                        settings.replyLogBatch(), reply -> emitter.emit(event.apply(reply)), emitter::fail);
                // Registered before the first read: a reply stored from here on is either in that read or handed over.
                Runnable unregister = broadcaster.register(reader);
                long poll = vertx.setPeriodic(settings.replyLogPollInterval().toMillis(), id -> reader.wake());
                stop.set(() -> {
                    vertx.cancelTimer(poll);
                    unregister.run();
                    reader.stop();
                });
                if (ended.get()) {
                    stop.get().run();
                } else {
                    emitter.emit(sse.newEventBuilder().comment(SUBSCRIBED).build());
                    reader.wake();
                }
            }, emitter::fail);
        }, settings.sseBufferSize());
    }
}
