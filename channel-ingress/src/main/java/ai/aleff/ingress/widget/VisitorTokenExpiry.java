package ai.aleff.ingress.widget;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;

/**
 * Ends a visitor stream when the token it was opened with expires. The integrator's streams are checked again and
 * again ({@code StreamCredentialWatch}), since a key can be revoked at any moment; a visitor token cannot be revoked and
 * its expiry is written in it, so one timer per stream, set when it opens, ends it at that instant.
 */
@ApplicationScoped
public class VisitorTokenExpiry {

    private final Vertx vertx;

    public VisitorTokenExpiry(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code end} at {@code expiresAt} unless the returned handle is run first (the stream ended otherwise). */
    public Runnable endAt(Instant expiresAt, Runnable end) {
        long delay = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
        long timer = vertx.setTimer(delay, id -> end.run());
        return () -> vertx.cancelTimer(timer);
    }
}
