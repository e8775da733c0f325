package ai.aleff.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import ai.aleff.platform.tenancy.TenantDirectory;

/** Not ready until the tenant cache has read the configuration topic: before that, valid keys would be refused. */
@Readiness
@ApplicationScoped
public class TenantDirectoryReadiness implements HealthCheck {

    private final TenantDirectory directory;

    public TenantDirectoryReadiness(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-directory").status(directory.isCaughtUp()).build();
    }
}
