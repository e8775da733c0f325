package ai.aleff.platform.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.arc.ClientProxy;

/**
 * Runs the service's {@link TenantEraser}s for each deleted tenant and logs what they did. A failure is only logged:
 * the directory fires the deletion again at the next start, when the erasure is retried.
 */
@ApplicationScoped
public class TenantErasures {

    private static final Logger LOG = Logger.getLogger(TenantErasures.class);

    private final Instance<TenantEraser> erasers;

    public TenantErasures(Instance<TenantEraser> erasers) {
        this.erasers = erasers;
    }

    void onDeleted(@ObservesAsync TenantDeleted deleted) {
        for (TenantEraser eraser : erasers) {
            String name = ClientProxy.unwrap(eraser).getClass().getSimpleName();
            eraser.erase(deleted.tenantId()).subscribe().with(erased -> {
                if (erased > 0) {
                    LOG.infof("%s erased %d rows of deleted tenant %s", name, erased, deleted.tenantId());
                }
            }, e -> LOG.warnf("%s could not erase deleted tenant %s (done again at the next start): %s", name,
                    deleted.tenantId(), e.toString()));
        }
    }
}
