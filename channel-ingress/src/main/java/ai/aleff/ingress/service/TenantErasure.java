package ai.aleff.ingress.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.ingress.repository.StreamLeaseRepository;
import ai.aleff.platform.tenancy.TenantDeleted;

/**
 * channel-ingress's part of deleting a tenant: its clientMessageId reservations, its conversation view, and its
 * limits' counters and stream leases. Runs for every deleted tenant each time the tenant cache reads the
 * configuration topic, so a deletion missed while this instance was down is done at its next start; deleting what is
 * already gone does nothing.
 */
@ApplicationScoped
public class TenantErasure {

    private static final Logger LOG = Logger.getLogger(TenantErasure.class);

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

    void onDeleted(@ObservesAsync TenantDeleted deleted) {
        erase(deleted.tenantId()).subscribe().with(rows -> {
            if (rows > 0) {
                LOG.infof("Erased %d rows of deleted tenant %s", rows, deleted.tenantId());
            }
        }, e -> LOG.warnf("Erasing deleted tenant %s failed (done again at the next start): %s", deleted.tenantId(),
                e.toString()));
    }

    /** Rows deleted. */
    public Uni<Integer> erase(String tenantId) {
        return reservations.deleteTenant(tenantId)
                .chain(reserved -> conversations.deleteTenant(tenantId).map(viewed -> reserved + viewed))
                .chain(rows -> windows.deleteTenant(tenantId).map(counted -> rows + counted))
                .chain(rows -> leases.deleteTenant(tenantId).map(leased -> rows + leased));
    }
}
