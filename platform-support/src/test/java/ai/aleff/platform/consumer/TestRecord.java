package ai.aleff.platform.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** A channel message that records how it was settled. */
final class TestRecord implements Message<String> {

    enum Outcome {
        OPEN, ACKED, NACKED
    }

    private final String payload;
    private volatile Outcome outcome = Outcome.OPEN;
    private volatile Throwable reason;
    private volatile Metadata nackMetadata;
    private int settlements;

    TestRecord(String payload) {
        this.payload = payload;
    }

    @Override
    public String getPayload() {
        return payload;
    }

    @Override
    public synchronized CompletionStage<Void> ack() {
        settlements++;
        outcome = Outcome.ACKED;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        return nack(reason, Metadata.empty());
    }

    @Override
    public synchronized CompletionStage<Void> nack(Throwable reason, Metadata metadata) {
        settlements++;
        outcome = Outcome.NACKED;
        this.reason = reason;
        this.nackMetadata = metadata;
        return CompletableFuture.completedFuture(null);
    }

    Outcome outcome() {
        return outcome;
    }

    Throwable reason() {
        return reason;
    }

    Metadata nackMetadata() {
        return nackMetadata;
    }

    synchronized int settlements() {
        return settlements;
    }
}
