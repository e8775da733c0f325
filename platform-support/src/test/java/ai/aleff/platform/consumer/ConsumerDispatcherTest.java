package ai.aleff.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class ConsumerDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final RetryPolicy NO_WAIT = RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(1));

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> finishers = new ConcurrentHashMap<>();

    private ConsumerDispatcher dispatcher(int capacity, int maxQueued) {
        return new ConsumerDispatcher("test-group", new DispatchLimits(capacity, 1, maxQueued), NO_WAIT,
                stopping::get);
    }

    /** Work that starts, is recorded, and finishes when the test says so. */
    private Dispatch held(String tenant, String lane, String name) {
        return new Dispatch(tenant, lane, name, () -> {
            started.add(name);
            return Uni.createFrom().completionStage(finishers.computeIfAbsent(name, k -> new CompletableFuture<>()));
        });
    }

    private void finish(String name) {
        finishers.computeIfAbsent(name, k -> new CompletableFuture<>()).complete(null);
    }

    private static boolean queued(Uni<Void> dispatched) {
        AtomicBoolean done = new AtomicBoolean();
        dispatched.subscribe().with(ignored -> done.set(true));
        return done.get();
    }

    @Test
    void oneTenantsBacklogLeavesCapacityForAnotherTenant() {
        // Given tenant a with 50 slow records on a dispatcher that runs 4 at once, all of them taken from the channel
        ConsumerDispatcher dispatcher = dispatcher(4, 100);
        for (int i = 0; i < 50; i++) {
            assertThat(queued(dispatcher.dispatch(new TestRecord("a" + i), held("a", "a/c" + i, "a" + i)))).isTrue();
        }
        assertThat(started).hasSize(4);

        // When tenant b's record arrives and one of a's records finishes
        assertThat(queued(dispatcher.dispatch(new TestRecord("b"), held("b", "b/c", "b0")))).isTrue();
        finish("a0");

        // Then b's record runs next, before a's fifth
        assertThat(started).endsWith("b0").doesNotContain("a4");
        assertThat(dispatcher.running("a")).isEqualTo(3);
        assertThat(dispatcher.running("b")).isEqualTo(1);
    }

    @Test
    void theChannelWaitsWhenTheQueueIsFull() {
        // Given a dispatcher that takes at most 3 records
        ConsumerDispatcher dispatcher = dispatcher(1, 3);
        TestRecord first = new TestRecord("r0");
        dispatcher.dispatch(first, held("a", null, "r0")).await().atMost(WAIT);
        dispatcher.dispatch(new TestRecord("r1"), held("a", null, "r1")).await().atMost(WAIT);
        dispatcher.dispatch(new TestRecord("r2"), held("a", null, "r2")).await().atMost(WAIT);

        // When a fourth arrives
        AtomicBoolean fourthQueued = new AtomicBoolean();
        dispatcher.dispatch(new TestRecord("r3"), held("b", null, "r3")).subscribe()
                .with(ignored -> fourthQueued.set(true));

        // Then it is taken only once a record is settled
        assertThat(fourthQueued).isFalse();
        finish("r0");
        assertThat(first.outcome()).isEqualTo(TestRecord.Outcome.ACKED);
        assertThat(fourthQueued).isTrue();
        assertThat(dispatcher.inFlight()).isEqualTo(3);
    }

    @Test
    void recordsOfOneLaneRunInArrivalOrderWhilePermitsAreScarce() {
        // Given one permit, held by another conversation's record
        ConsumerDispatcher dispatcher = dispatcher(1, 10);
        dispatcher.dispatch(new TestRecord("x"), held("a", "a/x", "x")).await().atMost(WAIT);
        // When three records of one conversation arrive and wait for the permit
        for (int i = 0; i < 3; i++) {
            dispatcher.dispatch(new TestRecord("m" + i), held("a", "a/c", "m" + i)).await().atMost(WAIT);
        }
        finish("x");
        finish("m2");
        finish("m1");
        finish("m0");

        // Then they ran one at a time in arrival order, none lost
        assertThat(started).containsExactly("x", "m0", "m1", "m2");
        assertThat(dispatcher.inFlight()).isZero();
    }

    @Test
    void recordsAreAckedWhenTheirWorkIsDoneWhateverTheOrder() {
        // Given two records of different conversations running at once
        ConsumerDispatcher dispatcher = dispatcher(4, 10);
        TestRecord earlier = new TestRecord("e");
        TestRecord later = new TestRecord("l");
        dispatcher.dispatch(earlier, held("a", "a/1", "e")).await().atMost(WAIT);
        dispatcher.dispatch(later, held("a", "a/2", "l")).await().atMost(WAIT);

        // When the later one finishes first
        finish("l");

        // Then only it is acked
        assertThat(later.outcome()).isEqualTo(TestRecord.Outcome.ACKED);
        assertThat(earlier.outcome()).isEqualTo(TestRecord.Outcome.OPEN);
        finish("e");
        assertThat(earlier.outcome()).isEqualTo(TestRecord.Outcome.ACKED);
    }

    @Test
    void failingWorkIsRetriedThenDeadLetteredNamingTheConsumerGroup() {
        // Given work that always fails
        ConsumerDispatcher dispatcher = dispatcher(4, 10);
        AtomicInteger attempts = new AtomicInteger();
        TestRecord record = new TestRecord("r");

        // When it is dispatched
        dispatcher.dispatch(record, Dispatch.unordered("a", "r", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("boom"));
        })).await().atMost(WAIT);

        // Then it ran once plus two retries, and the record is nacked once, with the group in the dead letter's headers
        await().atMost(WAIT).until(() -> record.outcome() == TestRecord.Outcome.NACKED);
        assertThat(attempts).hasValue(3);
        assertThat(record.reason()).hasMessage("boom");
        assertThat(record.settlements()).isEqualTo(1);
        OutgoingKafkaRecordMetadata<?> metadata = record.nackMetadata().get(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertThat(new String(metadata.getHeaders().lastHeader(DeadLetterHeaders.CONSUMER_GROUP).value(),
                StandardCharsets.UTF_8)).isEqualTo("test-group");
        assertThat(dispatcher.inFlight()).isZero();
        assertThat(dispatcher.running()).isZero();
    }

    @Test
    void aFailureWhileTheServiceStopsLeavesTheRecordUnacknowledged() {
        // Given a running record
        ConsumerDispatcher dispatcher = dispatcher(4, 10);
        TestRecord record = new TestRecord("r");
        CompletableFuture<Void> work = new CompletableFuture<>();
        AtomicInteger attempts = new AtomicInteger();
        dispatcher.dispatch(record, Dispatch.unordered("a", "r", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().completionStage(work);
        })).await().atMost(WAIT);

        // When the service stops and the work fails (the pool closes under it)
        stopping.set(true);
        work.completeExceptionally(new IllegalStateException("pool closed"));

        // Then it is neither retried nor settled, so it is redelivered after the restart; its permits are returned
        assertThat(attempts).hasValue(1);
        assertThat(record.outcome()).isEqualTo(TestRecord.Outcome.OPEN);
        assertThat(dispatcher.inFlight()).isZero();
        assertThat(dispatcher.running()).isZero();
    }

    @Test
    void aRejectedRecordIsDeadLetteredAtOnce() {
        // When a record that does not decode is rejected
        ConsumerDispatcher dispatcher = dispatcher(4, 10);
        TestRecord record = new TestRecord("garbage");
        dispatcher.reject(record, "garbage", new IllegalArgumentException("not an event")).await().atMost(WAIT);

        // Then it is nacked with the consumer's dead-letter headers
        assertThat(record.outcome()).isEqualTo(TestRecord.Outcome.NACKED);
        assertThat(record.nackMetadata().get(OutgoingKafkaRecordMetadata.class)).isPresent();
    }

    @Test
    void manyTenantsAndConversationsAllSettleExactlyOnceInOrder() {
        // Given 3 tenants x 20 conversations x 5 records, on a dispatcher smaller than the load
        ConsumerDispatcher dispatcher = dispatcher(8, 1000);
        Map<String, List<String>> ran = new ConcurrentHashMap<>();
        List<TestRecord> records = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            for (String tenant : List.of("a", "b", "c")) {
                for (int c = 0; c < 20; c++) {
                    String lane = tenant + "/" + c;
                    String name = lane + "#" + m;
                    TestRecord record = new TestRecord(name);
                    records.add(record);
                    dispatcher.dispatch(record, new Dispatch(tenant, lane, name, () -> {
                        ran.computeIfAbsent(lane, k -> new CopyOnWriteArrayList<>()).add(name);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1));
                    })).await().atMost(WAIT);
                }
            }
        }

        // Then every record is acked once and each conversation ran in arrival order
        await().atMost(WAIT).until(() -> dispatcher.inFlight() == 0);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(TestRecord.Outcome.ACKED);
            assertThat(r.settlements()).isEqualTo(1);
        });
        ran.forEach((lane, names) -> assertThat(names)
                .containsExactly(lane + "#0", lane + "#1", lane + "#2", lane + "#3", lane + "#4"));
        assertThat(ran).hasSize(60);
    }
}
