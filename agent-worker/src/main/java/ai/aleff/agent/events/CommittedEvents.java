package ai.aleff.agent.events;

import java.util.List;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;

/**
 * Publishes events that a transaction has just committed to the outbox. The services call this port, and the
 * messaging edge implements it, so no service depends on the messaging package.
 */
public interface CommittedEvents {

    /** Never fails the work that caused the events: they are durable in the outbox, the relay retries. */
    Uni<Void> publish(List<CloudEvent<?>> events);
}
