package ai.aleff.agent.turn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Advances turns until none is left to advance: a step may leave turns RUNNING (its own next iteration, a follow-up
 * turn, child turns), and those are advanced before the rest, in order, as the nested calls of a recursion would.
 * A work list instead of a recursion, so a long chain of steps neither nests subscriptions nor grows the stack.
 */
final class StepLoop {

    private StepLoop() {
    }

    static Uni<Void> run(List<String> first, Function<String, Uni<List<String>>> step) {
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Deque<String> pending = new ArrayDeque<>(first);
        return Multi.createBy()
                .repeating()
                .uni(() -> step.apply(pending.removeFirst()).invoke(next -> pushFront(pending, next)))
                .until(next -> pending.isEmpty())
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static void pushFront(Deque<String> pending, List<String> next) {
        for (int i = next.size() - 1; i >= 0; i--) {
            pending.addFirst(next.get(i));
        }
    }
}
