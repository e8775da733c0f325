package ai.aleff.bench.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * One marker after the run: what the client saw and what the platform shows.
 *
 * @param accepted the client got a 202, or the platform shows the message (a 202 lost to a client timeout)
 * @param replies replies answering the message (one is right; zero is lost; more is duplicated)
 * @param inboundCopies how often the message itself appears in the conversation (more than one is a duplicate)
 * @param failureReply the reply is the worker's honest "could not reach the model" answer
 * @param latency first attempt to the first reply; null without a reply
 * @param auditComplete message.accepted, model.called, reply.published (and tool.requested/tool.completed when a
 *        tool ran) are all in the audit trail, the unique ones exactly once
 * @param lastStatus the client's last HTTP status for it (0: connection error or timeout)
 */
public record MarkerResult(String marker, Instant sentAt, boolean accepted, int replies, int inboundCopies,
        boolean failureReply, Duration latency, boolean auditComplete, int lastStatus) {

    public boolean lost() {
        return accepted && replies == 0;
    }

    public int duplicates() {
        return Math.max(0, replies - 1) + Math.max(0, inboundCopies - 1);
    }

    /** Answered normally: a real reply, not a failure one. */
    public boolean answered() {
        return replies > 0 && !failureReply;
    }
}
