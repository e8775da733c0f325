package ai.aleff.platform.concurrent;

import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One pass of a periodic sweep (stale turns, overdue tool calls, ...): finds the items, handles them one after the
 * other, and never fails. An item that fails is left for the next pass (its handler must be safe to repeat), and a
 * failed search is logged, so a database outage costs a warning per pass instead of stopping the schedule.
 */
public final class Sweep {

    private Sweep() {
    }

    public static <T> Uni<Void> each(Uni<List<T>> found, Function<T, Uni<?>> handle, Logger log, String what) {
        return found.chain(items -> Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> handle.apply(item).onFailure().recoverWithNull())
                .collect()
                .last()
                .replaceWithVoid())
                .onFailure()
                .recoverWithUni(e -> {
                    log.warnf("%s failed: %s", what, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
