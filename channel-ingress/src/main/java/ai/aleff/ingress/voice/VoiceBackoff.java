package ai.aleff.ingress.voice;

import java.time.Duration;

/** The wait before attempt {@code n + 1}: {@code first}, doubling per attempt, at most {@code max}. */
public final class VoiceBackoff {

    private VoiceBackoff() {
    }

    public static Duration after(int attempts, Duration first, Duration max) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
