package ai.aleff.ingress.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of channel-ingress. */
@ConfigMapping(prefix = "aleff.ingress")
public interface IngressSettings {

    /** Most messages the conversation view returns: the latest ones, oldest first. */
    @WithDefault("500")
    int historyLimit();

    /** Replies buffered for one slow SSE client before its stream is ended (it reconnects and catches up via GET). */
    @WithDefault("256")
    int sseBufferSize();

    /**
     * Conversation-view records stored at once (across conversations; one conversation's records are stored one at
     * a time, in order), shared among tenants: each may store max(view-min-tenant-share, this / active tenants).
     */
    @WithDefault("32")
    int viewConcurrency();

    /** Stores a tenant may always have running, however many tenants are active. */
    @WithDefault("4")
    int viewMinTenantShare();

    /** Conversation-view records taken from Kafka and not stored yet; at this many polling pauses. */
    @WithDefault("1000")
    int viewMaxQueued();

    /**
     * How often every open event stream's API key and tenant are checked again: a revoked or expired key or a
     * disabled tenant ends its streams within this interval of the change reaching this instance.
     */
    @WithDefault("1s")
    Duration streamCredentialCheckInterval();

    /**
     * How often an open reply stream (the widget's and the integrator's) reads the reply log in any case: the safety
     * net only. Replies reach streams without it: one this instance stored is handed to the streams of its
     * conversation, one stored by another instance is announced by PostgreSQL ({@code ReplyNotifications}), and the
     * streams read the log once whenever the listening connection comes back.
     */
    @WithDefault("30s")
    Duration replyLogPollInterval();

    /** Longest pause before the reply listener's connection to PostgreSQL is opened again after it dropped. */
    @WithDefault("5s")
    Duration replyListenerMaxReconnectDelay();

    /** Most replies one read of a reply stream (a resume or a poll) sends; the rest follow on the next read. */
    @WithDefault("200")
    int replyLogBatch();

    /** How often an open event stream gets a comment line when nothing else is sent, so idle proxies keep it. */
    @WithDefault("15s")
    Duration sseKeepAliveInterval();
}
