package ai.aleff.tenant.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

import ai.aleff.tenant.config.TenantSettings;
import ai.aleff.tenant.service.Actor;
import ai.aleff.tenant.service.TenantRepublication;
import ai.aleff.tenant.service.TenantRepublicationReport;

/**
 * Runs the republication pass at start when {@code aleff.tenant.republish-at-start} is on. It blocks the start, so
 * the service is ready only once every tenant is back on the topics: whoever waits for readiness (the launcher after
 * a restore) knows the pass is done.
 */
@ApplicationScoped
public class RepublishAtStart {

    private static final Logger LOG = Logger.getLogger(RepublishAtStart.class);
    static final String SUBJECT = "tenant-service-start";

    private final TenantSettings settings;
    private final TenantRepublication republication;

    public RepublishAtStart(TenantSettings settings, TenantRepublication republication) {
        this.settings = settings;
        this.republication = republication;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!settings.republishAtStart()) {
            return;
        }
        TenantRepublicationReport report = VertxContextSupport
                .subscribeAndAwait(() -> republication.run(Actor.platform(SUBJECT)));
        LOG.infof("Republished %d tenants and %d channel connections at start (aleff.tenant.republish-at-start)",
                report.tenants(), report.channelConnections());
    }
}
