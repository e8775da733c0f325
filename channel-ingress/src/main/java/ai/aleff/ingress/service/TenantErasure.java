package ai.aleff.ingress.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.ingress.repository.StreamLeaseRepository;
import ai.aleff.platform.tenancy.TenantEraser;

/**
 * channel-ingress's part of deleting a tenant: its clientMessageId reservations, its conversation view, and its
 * limits' counters and stream leases. Runs for every deleted tenant each time the tenant cache reads the
 * configuration topic, so a deletion missed while this instance was down is done at its next start; deleting what is
 * already gone does nothing.
 */
@ApplicationScoped
public class TenantErasure implements TenantEraser {

    private final ClientMessageRepository reservations;
    private final ConversationMessageRepository conversations;
    private final RateWindowRepository windows;
    private final StreamLeaseRepository leases;

    public TenantErasure(ClientMessageRepository reservations, ConversationMessageRepository conversations,
            RateWindowRepository windows, StreamLeaseRepository leases) {
        this.reservations = reservations;
        this.conversations = conversations;
        this.windows = windows;
        this.leases = leases;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return reservations.deleteTenant(tenantId)
                .chain(reserved -> conversations.deleteTenant(tenantId).map(viewed -> reserved + viewed))
                .chain(rows -> windows.deleteTenant(tenantId).map(counted -> rows + counted))
                .chain(rows -> leases.deleteTenant(tenantId).map(leased -> rows + leased));
    }
}
