package ai.aleff.platform.consumer;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Whether the service is shutting down. A failure from then on is usually the database pool or the producer closing
 * under the work, not the record's fault: the dispatcher then leaves the record unacknowledged for redelivery.
 */
@ApplicationScoped
public class ServiceStopping implements BooleanSupplier {

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Override
    public boolean getAsBoolean() {
        return stopping;
    }
}
