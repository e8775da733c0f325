package ai.aleff.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When the platform was back to full speed after a fault ended: the backlog (messages sent before the end) has
 * been answered, and from some message on every message sent after the end is answered normally within the
 * threshold. The later of the two, measured from the end of the fault.
 */
public final class Recovery {

    static final Duration MIN_THRESHOLD = Duration.ofSeconds(2);
    static final Duration MAX_THRESHOLD = Duration.ofSeconds(10);

    private Recovery() {
    }

    /**
     * The normal latency limit: three times the median before the fault, between two and ten seconds (the cap keeps
     * a cold start, whose first turns are slow, from making any latency look normal).
     */
    public static Duration threshold(List<MarkerResult> results, Instant faultStart) {
        List<Duration> before = results.stream()
                .filter(r -> r.sentAt().isBefore(faultStart) && r.answered())
                .map(MarkerResult::latency)
                .sorted()
                .toList();
        Duration median = before.isEmpty() ? Duration.ofSeconds(1) : before.get(before.size() / 2);
        Duration tripled = median.multipliedBy(3);
        if (tripled.compareTo(MAX_THRESHOLD) > 0) {
            return MAX_THRESHOLD;
        }
        return tripled.compareTo(MIN_THRESHOLD) > 0 ? tripled : MIN_THRESHOLD;
    }

    /** Empty when the platform was not back to full speed by the last message sent. */
    public static Optional<Duration> after(List<MarkerResult> results, Instant faultEnd, Duration threshold) {
        List<MarkerResult> accepted = results.stream()
                .filter(MarkerResult::accepted)
                .sorted(Comparator.comparing(MarkerResult::sentAt))
                .toList();
        Instant backlogCleared = faultEnd;
        for (MarkerResult r : accepted) {
            if (r.sentAt().isBefore(faultEnd)) {
                if (r.replies() == 0) {
                    return Optional.empty();
                }
                Instant replied = r.sentAt().plus(r.latency());
                backlogCleared = replied.isAfter(backlogCleared) ? replied : backlogCleared;
            }
        }
        List<MarkerResult> after = accepted.stream().filter(r -> !r.sentAt().isBefore(faultEnd)).toList();
        Instant normalFrom = null;
        for (int i = after.size() - 1; i >= 0; i--) {
            MarkerResult r = after.get(i);
            if (!r.answered() || r.latency().compareTo(threshold) > 0) {
                break;
            }
            normalFrom = r.sentAt();
        }
        if (normalFrom == null) {
            return Optional.empty();
        }
        Instant recovered = normalFrom.isAfter(backlogCleared) ? normalFrom : backlogCleared;
        return Optional.of(Duration.between(faultEnd, recovered));
    }
}
