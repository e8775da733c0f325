package ai.aleff.e2e.noisy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quiet tenant's traffic: a few users, each in a conversation of their own, each sending a message, waiting for
 * its reply on the conversation's event stream, then sending the next. The load is the same in every phase, so any
 * change of latency comes from what else the platform does.
 */
final class QuietLoad {

    private static final long REPLY_TIMEOUT_SECONDS = 90;

    private final MessageClient client;
    private final ReplyStreams streams;
    private final LoadTenant tenant;
    private final String expectedReply;

    QuietLoad(MessageClient client, ReplyStreams streams, LoadTenant tenant, String expectedReply) {
        this.client = client;
        this.streams = streams;
        this.tenant = tenant;
        this.expectedReply = expectedReply;
    }

    /**
     * One measured message: its text and when ({@link System#nanoTime()}) its POST was sent, answered 202 and its
     * reply event arrived.
     */
    record Sample(String text, String messageId, long sentNanos, long acceptedNanos, long repliedNanos) {

        double latencyMillis() {
            return (repliedNanos - sentNanos) / 1e6;
        }
    }

    /** What a phase measured: the ids of all its messages by conversation, and each measured message's timings. */
    record Phase(String name, Map<String, List<String>> messagesByConversation, List<Sample> samples) {

        List<String> messageIds() {
            return messagesByConversation.values().stream().flatMap(List::stream).toList();
        }

        Latencies latencies() {
            return Latencies.of(samples.stream().map(Sample::latencyMillis).toList());
        }
    }

    /**
     * Runs {@code users} new conversations of {@code messagesEach} measured messages each. Each conversation is first
     * opened with a message that is not measured (a conversation's first message also registers it, in every phase
     * alike); then {@code atMeasuredStart} runs and the users start one after the other, {@code stagger} apart, so
     * they do not post in lockstep. A message's latency is from just before its POST is sent to the arrival of its
     * reply event.
     */
    Phase run(String phase, int users, int messagesEach, Duration stagger, Runnable atMeasuredStart) {
        List<String> conversations = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            String conversationId = "nn-b-" + phase + "-" + user + "-" + System.nanoTime();
            conversations.add(conversationId);
            await(streams.follow(tenant, conversationId), 30);
        }
        Map<String, List<String>> messageIds = new ConcurrentHashMap<>();
        conversations.forEach(conversationId -> messageIds.put(conversationId,
                Collections.synchronizedList(new ArrayList<>())));
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        // A platform thread per user: measuring threads must not share carriers with anything else of the test.
        try (ScheduledExecutorService threads = Executors.newScheduledThreadPool(users)) {
            List<Future<?>> openings = new ArrayList<>();
            for (int user = 0; user < users; user++) {
                String conversationId = conversations.get(user);
                String userId = "user-" + user;
                openings.add(threads.submit(() -> messageIds.get(conversationId)
                        .add(ask(conversationId, userId, "Opening of " + phase + "-" + userId).messageId())));
            }
            openings.forEach(QuietLoad::await);
            atMeasuredStart.run();
            List<Future<?>> done = new ArrayList<>();
            for (int user = 0; user < users; user++) {
                String conversationId = conversations.get(user);
                String userId = "user-" + user;
                done.add(threads.schedule(() -> {
                    for (int i = 0; i < messagesEach; i++) {
                        Sample sample = ask(conversationId, userId, "Quiet question " + phase + "-" + userId + "-" + i);
                        messageIds.get(conversationId).add(sample.messageId());
                        samples.add(sample);
                    }
                }, user * stagger.toMillis(), TimeUnit.MILLISECONDS));
            }
            done.forEach(QuietLoad::await);
        }
        Map<String, List<String>> ids = new ConcurrentHashMap<>();
        messageIds.forEach((conversation, list) -> ids.put(conversation, List.copyOf(list)));
        Phase measured = new Phase(phase, Map.copyOf(ids), List.copyOf(samples));
        System.out.printf("noisy-neighbour: phase %s done: %s%n", phase, measured.latencies());
        return measured;
    }

    /** Posts the message and waits for its reply. */
    private Sample ask(String conversationId, String userId, String text) {
        long sent = System.nanoTime();
        MessageClient.Posted posted = client.post(tenant, conversationId, userId, text);
        long accepted = System.nanoTime();
        if (!posted.accepted()) {
            throw new IllegalStateException("B's message refused: " + posted.status());
        }
        ReplyStreams.Reply reply = await(streams.replyTo(posted.messageId()), REPLY_TIMEOUT_SECONDS);
        if (!expectedReply.equals(reply.text())) {
            throw new IllegalStateException("B answered by another model stub: " + reply.text());
        }
        return new Sample(text, posted.messageId(), sent, accepted, reply.arrivedNanos());
    }

    private static <T> T await(CompletableFuture<T> future, long seconds) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
