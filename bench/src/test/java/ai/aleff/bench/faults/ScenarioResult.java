package ai.aleff.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One scenario's figures.
 *
 * @param notAccepted messages the client gave up on or that were refused (never promised a reply)
 * @param healSeconds how long bringing the component back took (restart until ready)
 * @param retried503 503 answers the client retried
 * @param retriedUnreachable connection errors and 10 s client timeouts the client retried
 * @param recoverySeconds from the end of the fault (component ready again) to full speed; empty if not reached
 *        within the window
 * @param windowSeconds how long the load ran after the fault ended: the longest recovery this run can see
 * @param conflicts overlapping long polls the emulated platform ended with 409; -1 where nothing polls
 * @param channelLine the channel's own figures (takeover time...), empty for none
 */
public record ScenarioResult(String name, int sent, int accepted, int replies, int lost, int duplicated,
        int failureReplies, int auditIncomplete, int notAccepted, double healSeconds,
        Optional<Double> recoverySeconds, long thresholdMillis, int retried503, int retriedUnreachable,
        double windowSeconds, List<String> lostSample, int conflicts, String channelLine) {

    public ScenarioResult {
        lostSample = List.copyOf(lostSample);
    }

    public static ScenarioResult of(String name, List<MarkerResult> results, Instant faultStart, Instant faultEnd,
            Duration heal, int retried503, int retriedUnreachable) {
        Duration threshold = Recovery.threshold(results, faultStart);
        return new ScenarioResult(name, results.size(), (int) results.stream().filter(MarkerResult::accepted).count(),
                results.stream().mapToInt(MarkerResult::replies).sum(),
                (int) results.stream().filter(MarkerResult::lost).count(),
                results.stream().mapToInt(MarkerResult::duplicates).sum(),
                (int) results.stream().filter(MarkerResult::failureReply).count(),
                (int) results.stream().filter(r -> r.accepted() && r.replies() > 0 && !r.auditComplete()).count(),
                (int) results.stream().filter(r -> !r.accepted()).count(), heal.toMillis() / 1000.0,
                Recovery.after(results, faultEnd, threshold).map(d -> d.toMillis() / 1000.0), threshold.toMillis(),
                retried503, retriedUnreachable,
                results.stream()
                        .map(MarkerResult::sentAt)
                        .max(Instant::compareTo)
                        .map(last -> Duration.between(faultEnd, last).toMillis() / 1000.0)
                        .orElse(0.0),
                results.stream()
                        .filter(r -> r.lost() || r.duplicates() > 0 || !r.accepted())
                        .limit(10)
                        .map(r -> String.format(Locale.ROOT, "%s sent %s accepted=%s (last status %d) replies=%d "
                                + "copies=%d", r.marker(), r.sentAt(), r.accepted(), r.lastStatus(), r.replies(),
                                r.inboundCopies()))
                        .toList(),
                -1, "");
    }

    /** The same figures with the polling channel's own: 409 conflicts and a line of what the emulator saw. */
    public ScenarioResult withChannelFigures(int conflictCount, String line) {
        return new ScenarioResult(name, sent, accepted, replies, lost, duplicated, failureReplies, auditIncomplete,
                notAccepted, healSeconds, recoverySeconds, thresholdMillis, retried503, retriedUnreachable,
                windowSeconds, lostSample, conflictCount, line);
    }

    /** What the client went through: retries, and the latency limit recovery was measured against. */
    public String clientLine() {
        return String.format(Locale.ROOT, "  %s: client retried %d x 503 and %d x connection error/timeout; "
                + "recovery threshold %d ms", name, retried503, retriedUnreachable, thresholdMillis)
                + (channelLine.isEmpty() ? "" : "; " + channelLine);
    }

    public static String header() {
        return "| scenario | sent | accepted | replies | lost | duplicated | failure replies | audit incomplete "
                + "| not accepted | restart s | recovery s |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
    }

    public String row() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %s |", name, sent,
                accepted, replies, lost, duplicated, failureReplies, auditIncomplete, notAccepted, healSeconds,
                recoverySeconds.map(s -> String.format(Locale.ROOT, "%.1f", s))
                        .orElse(String.format(Locale.ROOT, "> %.0f", windowSeconds)));
    }
}
