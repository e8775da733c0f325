package ai.aleff.platform.outbox;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tracing.TraceContext;

/**
 * {@link Outbox#add} for a service whose transactions are Hibernate Reactive sessions (e.g.
 * {@code Panache.withTransaction}): the rows are written by a native statement of that session, so they commit or
 * roll back with the entities. Not a bean, so services without Hibernate Reactive never load it: build one with
 * {@code new SessionOutbox(outbox)}.
 */
public final class SessionOutbox {

    private final Outbox outbox;

    public SessionOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds events, in this order, to the session's current transaction. */
    public Uni<Void> add(Mutiny.Session session, List<? extends CloudEvent<?>> events) {
        OutboxTable table = outbox.table();
        // Captured now: the chained inserts run after earlier statements answered, maybe on another thread.
        TraceContext trace = TraceContext.current();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CloudEvent<?> event : events) {
            chain = chain.chain(() -> {
                Mutiny.Query<?> insert = session.createNativeQuery(table.nativeInsert());
                List<Object> values = table.nativeValues(event, trace);
                for (int i = 0; i < values.size(); i++) {
                    insert.setParameter(i + 1, values.get(i));
                }
                return insert.executeUpdate().replaceWithVoid();
            });
        }
        return chain;
    }
}
