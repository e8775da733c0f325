package ai.aleff.platform.rest;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Recognises failures that mean a backing service (PostgreSQL, Kafka) is unreachable, as opposed to a bug. Matched by
 * class name for the client libraries' own types, so this module needs no dependency on every client.
 */
final class DependencyFailures {

    private static final Set<String> UNREACHABLE_TYPES = Set.of("io.vertx.sqlclient.ClosedConnectionException",
            "io.netty.channel.ConnectTimeoutException", "io.netty.channel.AbstractChannel$AnnotatedConnectException");

    private DependencyFailures() {
    }

    static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || UNREACHABLE_TYPES.contains(t.getClass().getName())
                    || (t.getMessage() != null && t.getMessage().contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }
}
