package ai.aleff.ingress.conversation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.platform.tenancy.ApiKeyAccess;
import ai.aleff.platform.tenancy.TenantDirectory;

/**
 * Closes open event streams whose API key stopped being valid (revoked, or the old key of a rotation past its
 * overlap window) or whose tenant was disabled or deleted. A stream is authenticated when it connects; this checks
 * every open one again every {@code aleff.ingress.stream-credential-check-interval} against the tenant cache, which
 * follows the configuration topic, so a stream ends within that interval of the change reaching this instance. A
 * periodic check rather than a reaction to each configuration event, because an expiry happens without an event.
 */
@ApplicationScoped
public class StreamCredentialWatch {

    private static final Logger LOG = Logger.getLogger(StreamCredentialWatch.class);

    /** Why a stream was closed, as its last event says. */
    public enum Reason {
        CREDENTIALS_REVOKED, TENANT_DISABLED,
        /** A widget visitor's token expired (VisitorTokenExpiry); the widget gets a new session. */
        TOKEN_EXPIRED
    }

    /** An open stream: the credential it was opened with, and how to end it. */
    public interface Closer {
        void close(Reason reason);
    }

    private record Watched(String tenantId, String keyHash, Closer closer) {
    }

    private final TenantDirectory directory;
    private final IngressSettings settings;
    private final Vertx vertx;
    private final Map<Long, Watched> streams = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile long timer = -1;

    public StreamCredentialWatch(TenantDirectory directory, IngressSettings settings, Vertx vertx) {
        this.directory = directory;
        this.settings = settings;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.streamCredentialCheckInterval().toMillis(), id -> checkAll());
    }

    /** Watches a stream from now until the returned handle is run (the stream ended for another reason). */
    public Runnable watch(String tenantId, String keyHash, Closer closer) {
        long id = ids.incrementAndGet();
        streams.put(id, new Watched(tenantId, keyHash, closer));
        return () -> streams.remove(id);
    }

    /** Open streams being watched. */
    public int open() {
        return streams.size();
    }

    void checkAll() {
        streams.forEach((id, stream) -> {
            Reason refused = refusal(stream);
            if (refused != null && streams.remove(id) != null) {
                try {
                    stream.closer().close(refused);
                } catch (RuntimeException e) {
                    LOG.warnf("Closing an event stream of tenant %s failed: %s", stream.tenantId(), e.toString());
                }
            }
        });
    }

    private Reason refusal(Watched stream) {
        ApiKeyAccess access = directory.access(stream.keyHash()).orElse(null);
        if (access == null || !access.tenantId().equals(stream.tenantId())) {
            return Reason.CREDENTIALS_REVOKED;
        }
        return access.tenantActive() ? null : Reason.TENANT_DISABLED;
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
