package ai.aleff.ingress.whatsapp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.delivery.DeliveryStatuses;

/**
 * Records the {@code statuses} of a WhatsApp webhook on the send records of our sends (their {@code id} is the wamid
 * our send got back), one after the other in payload order. The webhook answers 200 only after this completed, so a
 * status is durable before Meta stops retrying it; a repeated one changes nothing.
 */
@ApplicationScoped
public class WhatsAppStatusRecorder implements WhatsAppStatusListener {

    private final DeliveryStatuses statuses;

    public WhatsAppStatusRecorder(DeliveryStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Uni<Void> statuses(ChannelConnection connection, List<WhatsAppStatus> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(status -> statuses.record(connection.tenantId(),
                        connection.connectionId(), status.wamid(), status.status(), status.errorCode()))
                .collect().last().replaceWithVoid();
    }
}
