package ai.aleff.ingress.conversation;

import java.util.List;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.ingress.repository.ReplyLogRepository.Logged;

/**
 * One stream's reader (a visitor's or an integrator's) of the reply log: sends every reply after the last one sent, in seq order, each
 * once. Reads run one at a time; a wake-up during a read makes one more read after it, so nothing stored meanwhile is
 * missed and nothing is read twice.
 */
public final class ReplyLogStream {

    private final ReplyLogRepository log;
    private final String tenantId;
    private final String conversationId;
    private final int batch;
    private final Consumer<Logged> send;
    private final Consumer<Throwable> fail;
    private long lastSent;
    private boolean reading;
    private boolean again;
    private boolean stopped;

    public ReplyLogStream(ReplyLogRepository log, String tenantId, String conversationId, long after, int batch,
            Consumer<Logged> send, Consumer<Throwable> fail) {
        this.log = log;
        this.tenantId = tenantId;
        this.conversationId = conversationId;
        this.lastSent = after;
        this.batch = batch;
        this.send = send;
        this.fail = fail;
    }

    /** Looks for new replies now (or right after the read in progress). */
    public void wake() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (reading) {
                again = true;
                return;
            }
            reading = true;
            again = false;
        }
        read();
    }

    public void stop() {
        synchronized (this) {
            stopped = true;
        }
    }

    private void read() {
        long from;
        synchronized (this) {
            from = lastSent;
        }
        log.repliesAfter(tenantId, conversationId, from, batch)
                .onItemOrFailure()
                .transformToUni((replies, failure) -> {
                    done(replies, failure);
                    return Uni.createFrom().voidItem();
                })
                .subscribe()
                .with(ignored -> {
                });
    }

    private void done(List<Logged> replies, Throwable failure) {
        if (failure != null) {
            synchronized (this) {
                reading = false;
                stopped = true;
            }
            fail.accept(failure);
            return;
        }
        boolean more;
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (Logged reply : replies) {
                if (reply.seq() > lastSent) {
                    lastSent = reply.seq();
                    send.accept(reply);
                }
            }
            more = again || replies.size() == batch;
            again = false;
            reading = more;
        }
        if (more) {
            read();
        }
    }
}
