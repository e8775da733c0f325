package ai.aleff.agent.tools;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolSpecification;

/** The platform tools a tenant's assistant is offered: those its configuration lists, or all when it lists none. */
@ApplicationScoped
public class ToolSelection {

    private final ToolCatalog catalog;

    public ToolSelection(ToolCatalog catalog) {
        this.catalog = catalog;
    }

    public List<ToolSpecification> offered(List<String> enabled) {
        if (enabled == null || enabled.isEmpty()) {
            return catalog.specifications();
        }
        Set<String> names = Set.copyOf(enabled);
        return catalog.specifications().stream().filter(spec -> names.contains(spec.name())).toList();
    }
}
