package ai.aleff.bench.faults;

import java.util.List;

/**
 * A fault injected while load runs: {@code phases} run one after another, each held for a stretch of the load; then
 * {@code heal} ends the fault (a restart, or the model answering normally again) and returns once it has.
 */
public record Scenario(String name, List<Runnable> phases, Runnable heal) {

    public Scenario {
        phases = List.copyOf(phases);
    }
}
