package ai.aleff.ingress.conversation;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;

import ai.aleff.ingress.config.IngressSettings;

/**
 * This instance's one listening connection to PostgreSQL (channel {@value #CHANNEL}, notified by
 * {@code ingress.store_reply}, V15): a reply stored by any other instance wakes the streams of its conversation here
 * at once, instead of every stream polling the log. The connection is re-opened when it drops (after a pause that
 * grows with each failure, at most {@code aleff.ingress.reply-listener-max-reconnect-delay}); each time it listens
 * again every stream reads the log once, since notices sent while it was away are lost. The streams' slow poll
 * ({@code aleff.ingress.reply-log-poll-interval}) stays as the safety net.
 */
@ApplicationScoped
public class ReplyNotifications {

    static final String CHANNEL = "aleff_ingress_reply";
    private static final Logger LOG = Logger.getLogger(ReplyNotifications.class);

    /** One reply notice: "seq previousSeq origin tenant conversation" (the conversation may hold spaces). */
    record Notice(long seq, long previousSeq, String origin, String tenantId, String conversationId) {

        static Optional<Notice> parse(String payload) {
            String[] parts = payload == null ? new String[0] : payload.split(" ", 5);
            if (parts.length != 5) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Notice(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2],
                        parts[3], parts[4]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final String origin = UUID.randomUUID().toString();
    private final ReplyBroadcaster broadcaster;
    private final IngressSettings settings;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;
    private volatile boolean listening;
    private volatile boolean stopping;

    public ReplyNotifications(ReplyBroadcaster broadcaster, IngressSettings settings, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.broadcaster = broadcaster;
        this.settings = settings;
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(user);
        password.ifPresent(options::setPassword);
    }

    /** This instance, as the notices of the replies it stores name it. */
    public String origin() {
        return origin;
    }

    /** Whether the listening connection is up (notices arrive); while not, streams fall back on their poll. */
    public boolean listening() {
        return listening;
    }

    void onStart(@Observes StartupEvent event) {
        connect(0);
    }

    private void connect(int attempt) {
        if (stopping) {
            return;
        }
        // The subscriber's own reconnection is left off (its default): a new subscriber per connection keeps the
        // state plain, and this knows exactly when notices stop arriving.
        PgSubscriber s = PgSubscriber.subscriber(vertx, options);
        s.closeHandler(closed -> {
            listening = false;
            if (!stopping) {
                LOG.warn("The reply listener's connection to PostgreSQL closed; opening a new one");
                vertx.setTimer(delay(0), id -> connect(1));
            }
        });
        PgChannel channel = s.channel(CHANNEL);
        channel.handler(this::onNotice);
        channel.subscribeHandler(subscribed -> {
            listening = true;
            if (attempt > 0) {
                LOG.info("The reply listener is listening again; every open reply stream reads the log once");
            }
            // Replies stored while nobody here listened were never heard of: each stream looks once.
            broadcaster.wakeAll();
        });
        subscriber = s;
        s.connect().onFailure(failure -> {
            listening = false;
            if (!stopping) {
                LOG.warnf("The reply listener cannot connect to PostgreSQL (%s); retrying", failure.toString());
                vertx.setTimer(delay(attempt + 1), id -> connect(attempt + 1));
            }
        });
    }

    /** 100 ms, doubling with each failed attempt, at most {@code aleff.ingress.reply-listener-max-reconnect-delay}. */
    private long delay(int attempt) {
        return Math.min(settings.replyListenerMaxReconnectDelay().toMillis(), 100L << Math.min(attempt, 10));
    }

    private void onNotice(String payload) {
        Optional<Notice> notice = Notice.parse(payload);
        if (notice.isEmpty()) {
            LOG.warnf("Ignoring a malformed reply notice: %s", payload);
            return;
        }
        Notice n = notice.get();
        if (!origin.equals(n.origin())) {
            broadcaster.notified(n.tenantId(), n.conversationId(), n.seq());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close();
        }
    }
}
