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

    private Recovery() {
    }

    /** The normal latency limit: three times the median before the fault, at least two seconds. */
    public static Duration threshold(List<MarkerResult> results, Instant faultStart) {
        List<Duration> before = results.stream()
                .filter(r -> r.sentAt().isBefore(faultStart) && r.answered())
                .map(MarkerResult::latency)
                .sorted()
                .toList();
        Duration median = before.isEmpty() ? Duration.ofSeconds(1) : before.get(before.size() / 2);
        Duration tripled = median.multipliedBy(3);
        return tripled.compareTo(Duration.ofSeconds(2)) > 0 ? tripled : Duration.ofSeconds(2);
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
