package ai.aleff.ingress.conversation;

import java.util.List;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.ingress.repository.ReplyLogRepository.Logged;

/**
 * One stream's follower (a visitor's or an integrator's) of a conversation's reply log: sends every reply after the
 * last one sent, in seq order, each once. A reply handed over as it is stored ({@link #offer}) is sent at once when it
 * follows the last one sent (its previous seq is that one); anything else (a gap, a notice of a reply stored
 * elsewhere, a wake-up) reads the log from the last seq sent. Reads run one at a time; a hand-over or wake-up during a
 * read makes one more read after it, so nothing stored meanwhile is missed and nothing is sent twice.
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

    public String tenantId() {
        return tenantId;
    }

    public String conversationId() {
        return conversationId;
    }

    /**
     * A reply this instance just stored: sent without reading the log when the reply before it ({@code previousSeq})
     * is the last one sent, ignored when it was sent already, else the log is read (this stream is behind).
     */
    public void offer(Logged reply, long previousSeq) {
        synchronized (this) {
            if (stopped || reply.seq() <= lastSent) {
                return;
            }
            if (!reading && previousSeq == lastSent) {
                lastSent = reply.seq();
                send.accept(reply);
                return;
            }
        }
        wake();
    }

    /** A reply stored (by any instance) at {@code seq}: the log is read unless this stream sent it already. */
    public void notified(long seq) {
        synchronized (this) {
            if (stopped || seq <= lastSent) {
                return;
            }
        }
        wake();
    }

    /** Looks for new replies in the log now (or right after the read in progress). */
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
