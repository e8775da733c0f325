package ai.aleff.agent.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.aleff.platform.events.CloudEvent;

/**
 * What one committed transaction leaves to do afterwards.
 *
 * @param events outbox events to publish now
 * @param next a turn that is RUNNING and needs its next model step
 * @param more further RUNNING turns to advance after {@code next}: the child turns a delegating tool step started
 */
record Step(List<CloudEvent<?>> events, Optional<String> next, List<String> more) {

    Step {
        events = List.copyOf(events);
        more = List.copyOf(more);
    }

    Step(List<CloudEvent<?>> events, Optional<String> next) {
        this(events, next, List.of());
    }

    static Step nothing() {
        return new Step(List.of(), Optional.empty());
    }

    static Step advance(String turnId) {
        return new Step(List.of(), Optional.of(turnId));
    }

    /** This step with more events to publish before its own (already stored in the same transaction). */
    Step withEvents(List<CloudEvent<?>> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<CloudEvent<?>> all = new ArrayList<>(earlier);
        all.addAll(events);
        return new Step(all, next, more);
    }

    /** The turns to advance after the commit, in order: {@code next} first, then {@code more}. */
    List<String> toAdvance() {
        List<String> turns = new ArrayList<>(more.size() + 1);
        next.ifPresent(turns::add);
        turns.addAll(more);
        return List.copyOf(turns);
    }
}
