package ai.aleff.ingress.conversation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.ingress.repository.ReplyLogRepository.Logged;

/**
 * This instance's open reply streams ({@link ReplyLogStream}) by conversation, and what reaches them: a reply this
 * instance stored (handed over with its seq, usually sent without a read), a notice of one stored by another instance
 * ({@link ReplyNotifications}), a wake-up of every stream when notices may have been missed. Only the streams of the
 * reply's conversation are touched, so a reply costs nothing to the other open streams.
 */
@ApplicationScoped
public class ReplyBroadcaster {

    private record Key(String tenantId, String conversationId) {
    }

    private final Map<Key, Set<ReplyLogStream>> streams = new ConcurrentHashMap<>();

    /** Follows the stream's conversation from now until the returned handle is run. */
    public Runnable register(ReplyLogStream stream) {
        Key key = new Key(stream.tenantId(), stream.conversationId());
        streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stream);
        return () -> streams.computeIfPresent(key, (k, open) -> {
            open.remove(stream);
            return open.isEmpty() ? null : open;
        });
    }

    /** A reply this instance stored, with the seq of the conversation's reply before it. */
    public void stored(String tenantId, String conversationId, Logged reply, long previousSeq) {
        forEach(tenantId, conversationId, stream -> stream.offer(reply, previousSeq));
    }

    /** A reply stored at {@code seq} by any instance (its row has to be read). */
    public void notified(String tenantId, String conversationId, long seq) {
        forEach(tenantId, conversationId, stream -> stream.notified(seq));
    }

    /** A reply of the conversation may have been stored (a redelivery): its streams read the log. */
    public void wake(String tenantId, String conversationId) {
        forEach(tenantId, conversationId, ReplyLogStream::wake);
    }

    /** Notices may have been missed (the listener was not connected): every stream reads the log once. */
    public void wakeAll() {
        streams.values().forEach(open -> open.forEach(ReplyLogStream::wake));
    }

    /** Streams open on this instance. */
    public int open() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void forEach(String tenantId, String conversationId, java.util.function.Consumer<ReplyLogStream> action) {
        Set<ReplyLogStream> open = streams.get(new Key(tenantId, conversationId));
        if (open != null) {
            open.forEach(action);
        }
    }
}
