package ai.aleff.ingress.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.platform.consumer.RetryPolicy;

/**
 * Sends one part exactly as its send record allows, and settles the record with the platform's answer:
 * <ul>
 * <li>SENT, UNCONFIRMED: nothing to do (a redelivery sends nothing twice);</li>
 * <li>PENDING: waits (a timer, no thread) until its next attempt and a rate slot, claims it (PENDING -> SENDING, one
 * conditional update: of two instances only one wins) and calls the platform; SENT with the message id, or
 * PENDING again after {@code retry_after} / the backoff, or FAILED;</li>
 * <li>SENDING: another sender holds it, or held it and died between its call and its commit. Once the claim is older
 * than {@code claim-timeout} (longer than any call may take) the part becomes UNCONFIRMED and is audited, never sent
 * again: neither platform can be asked whether it got the message, and a sender mostly dies while waiting for the
 * answer, when the platform already has it (docs/channels.md, "Send records and the crash rule").</li>
 * </ul>
 * A FAILED part fails the reply with {@link DeliveryFailedException}.
 */
@ApplicationScoped
public class PartDelivery {

    private static final Logger LOG = Logger.getLogger(PartDelivery.class);

    private final SendRecords records;
    private final RateGate rates;
    private final DeliveryAudit audit;
    private final DeliverySettings settings;
    private final RetryPolicy backoff;

    public PartDelivery(SendRecords records, RateGate rates, DeliveryAudit audit, DeliverySettings settings) {
        this.records = records;
        this.rates = rates;
        this.audit = audit;
        this.settings = settings;
        this.backoff = RetryPolicy.of(settings.maxAttempts(), settings.firstBackoff(), settings.maxBackoff());
    }

    /** Completes when the part is settled SENT or UNCONFIRMED; fails when it is FAILED. */
    public Uni<Void> deliver(ChannelSender sender, ChannelConnection connection, SendPart stored) {
        return records.part(stored.tenantId(), stored.replyId(), stored.index())
                .chain(found -> found.map(part -> step(sender, connection, part))
                        .orElseGet(() -> Uni.createFrom().failure(new IllegalStateException("send record vanished"))));
    }

    private Uni<Void> step(ChannelSender sender, ChannelConnection connection, SendPart part) {
        return switch (part.state()) {
            case SendPart.SENT, SendPart.UNCONFIRMED -> Uni.createFrom().voidItem();
            case SendPart.FAILED -> Uni.createFrom().failure(new DeliveryFailedException(
                    "part " + part.index() + " of reply " + part.replyId() + " failed"));
            case SendPart.SENDING -> abandoned(part)
                    ? records.unconfirmed(part, "claim outlived claim-timeout: the sender stopped during its call")
                            .chain(() -> audit.record(part.tenantId(), part.conversationId(), part.replyId(),
                                    part.index(), DeliveryAudit.UNCONFIRMED, unconfirmedDetail(part)))
                    : later(settings.claimTimeout().toMillis() / 1000.0 - part.claimAgeSeconds(), sender, connection,
                            part);
            default -> part.waitSeconds() > 0
                    ? later(part.waitSeconds(), sender, connection, part)
                    : paced(sender, connection, part);
        };
    }

    private Uni<Void> paced(ChannelSender sender, ChannelConnection connection, SendPart part) {
        return rates.take(part.tenantId(), sender.rateKeys(part))
                .chain(busy -> busy.isPresent()
                        ? later(busy.get(), sender, connection, part)
                        : records.claim(part).chain(claimed -> claimed
                                ? sender.send(connection, part).chain(outcome -> settle(sender, connection, part,
                                        outcome))
                                : deliver(sender, connection, part)));
    }

    private Uni<Void> settle(ChannelSender sender, ChannelConnection connection, SendPart part, SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Sent sent -> records.sent(part, sent.platformMessageId())
                    .chain(() -> audit.record(part.tenantId(), part.conversationId(), part.replyId(), part.index(),
                            DeliveryAudit.SENT, part.channel() + " message " + sent.platformMessageId() + ", part "
                                    + (part.index() + 1) + " of " + part.count()));
            case SendOutcome.Unconfirmed unconfirmed -> records.unconfirmed(part, unconfirmed.error())
                    .chain(() -> audit.record(part.tenantId(), part.conversationId(), part.replyId(), part.index(),
                            DeliveryAudit.UNCONFIRMED, unconfirmedDetail(part) + ": " + unconfirmed.error()));
            case SendOutcome.Failed failed -> fail(part, failed.error(), failed.windowClosed());
            case SendOutcome.Retry retry -> retry(sender, connection, part, retry);
        };
    }

    private Uni<Void> retry(ChannelSender sender, ChannelConnection connection, SendPart part,
            SendOutcome.Retry retry) {
        int attempts = part.attempts() + 1;
        if (retry.afterSeconds() > settings.maxWait().toSeconds()) {
            return fail(part, "the platform asked to wait " + (long) retry.afterSeconds() + " s, more than "
                    + settings.maxWait().toSeconds() + " s: " + retry.error(), false);
        }
        if (!retry.throttled() && attempts >= settings.maxAttempts()) {
            return fail(part, attempts + " attempts failed, the last: " + retry.error(), false);
        }
        double after = retry.afterSeconds() >= 0
                ? retry.afterSeconds()
                : backoff.backoff(attempts).toMillis() / 1000.0;
        LOG.infof("Delivery of part %d of reply %s again in %.1f s: %s", part.index(), part.replyId(), after,
                retry.error());
        Uni<Void> hold = retry.throttled()
                ? Uni.combine().all().unis(sender.rateKeys(part).stream()
                        .map(key -> rates.hold(part.tenantId(), key.name(), after)).toList()).discardItems()
                : Uni.createFrom().voidItem();
        return hold.chain(() -> records.retryLater(part, after, !retry.throttled(), retry.error()))
                .chain(() -> later(after, sender, connection, part));
    }

    private Uni<Void> fail(SendPart part, String error, boolean windowClosed) {
        String action = windowClosed ? DeliveryAudit.WINDOW_CLOSED : DeliveryAudit.FAILED;
        String detail = windowClosed ? ReplyDelivery.WINDOW_CLOSED_DETAIL + " (" + error + ")" : error;
        return records.failed(part, error)
                .chain(() -> audit.record(part.tenantId(), part.conversationId(), part.replyId(), part.index(),
                        action, "part " + (part.index() + 1) + " of " + part.count() + ": " + detail))
                .chain(() -> Uni.createFrom().failure(new DeliveryFailedException(
                        "part " + part.index() + " of reply " + part.replyId() + ": " + error)));
    }

    private Uni<Void> later(double seconds, ChannelSender sender, ChannelConnection connection, SendPart part) {
        Duration wait = Duration.ofMillis(Math.max(10, (long) Math.ceil(seconds * 1000)));
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                .chain(() -> deliver(sender, connection, part));
    }

    private boolean abandoned(SendPart part) {
        return part.claimAgeSeconds() * 1000 >= settings.claimTimeout().toMillis();
    }

    private static String unconfirmedDetail(SendPart part) {
        return "part " + (part.index() + 1) + " of " + part.count()
                + " may or may not have reached the user; not sent again";
    }
}
