package ai.aleff.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** Tenant templates in the {@code tenant} schema. */
@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<TemplateEntity, UUID> {

    /** By name, then id; at most {@code limit}. */
    public Uni<List<TemplateEntity>> firstByName(int limit) {
        return find("order by name, id").page(Page.ofSize(limit)).list();
    }

    public Uni<Boolean> nameTaken(String name, UUID except) {
        return count("name = ?1 and id <> ?2", name, except).map(n -> n > 0);
    }
}
