package ai.aleff.tools.service;

import java.io.IOException;
import java.util.Set;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

import ai.aleff.platform.messaging.EventPublishException;

/**
 * Tells failures that pass by themselves (database or broker unreachable or overloaded, a call running elsewhere)
 * from those that would fail the same way again. A request failing transiently is retried until it succeeds and never
 * dead-lettered, so an outage loses nothing.
 */
public final class Failures {

    /** SQLSTATE classes of connection loss, resource shortage, operator intervention and serialization conflicts. */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "53", "57", "40");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        boolean publishing = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryLaterException) {
                return true;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && state.length() >= 2 && TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0,
                        2));
            }
            if (t instanceof RetriableException) {
                return true;
            }
            if (t instanceof KafkaException) {
                // Not retriable by Kafka's own account (say, a record too large): the same send fails again.
                return false;
            }
            if (t instanceof IOException || t instanceof VertxException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            publishing |= t instanceof EventPublishException;
            if (t.getCause() == t) {
                break;
            }
        }
        // The broker did not acknowledge, for a reason not known to be permanent.
        return publishing;
    }
}
