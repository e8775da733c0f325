package ai.aleff.platform.tenancy;

import jakarta.enterprise.context.RequestScoped;

/** The tenant the current request was authenticated as. Every query in a request is scoped by it. */
@RequestScoped
public class TenantContext {

    private TenantView tenant;

    void set(TenantView tenant) {
        this.tenant = tenant;
    }

    public TenantView tenant() {
        if (tenant == null) {
            throw new IllegalStateException("No authenticated tenant: is the resource @TenantAuthenticated?");
        }
        return tenant;
    }

    public String tenantId() {
        return tenant().tenantId();
    }
}
