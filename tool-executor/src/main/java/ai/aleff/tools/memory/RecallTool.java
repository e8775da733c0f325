package ai.aleff.tools.memory;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.config.MemorySettings;
import ai.aleff.tools.repository.MemoryRepository;
import ai.aleff.tools.service.DatabaseTool;
import ai.aleff.tools.service.ToolArguments;
import ai.aleff.tools.service.ToolContext;

/**
 * {@code recall {"query": "coffee"}}: the calling user's facts containing any word of the query (those matching more
 * words first), or the newest facts when there is no query. Each line carries the id that {@code forget} takes.
 */
@ApplicationScoped
public class RecallTool implements DatabaseTool {

    static final String QUERY_ARG = BuiltinTools.QUERY_ARG;

    private final MemoryRepository memory;
    private final MemorySettings settings;

    public RecallTool(MemoryRepository memory, MemorySettings settings) {
        this.memory = memory;
        this.settings = settings;
    }

    @Override
    public ToolContract contract() {
        return BuiltinTools.RECALL;
    }

    @Override
    public Uni<String> execute(ToolContext context, JsonNode arguments) {
        MemoryOwner owner = MemoryOwner.of(context);
        String query = ToolArguments.optionalString(arguments, QUERY_ARG);
        List<String> patterns = query == null ? List.of() : FactText.patterns(query);
        int limit = settings.recallLimit();
        if (patterns.isEmpty()) {
            return memory.newest(context.transaction(), owner.tenantId(), owner.userId(), limit)
                    .chain(facts -> facts.isEmpty()
                            ? Uni.createFrom().item("No facts are remembered about this user.")
                            : total(context, owner).map(total -> "Remembered facts, newest first ("
                                    + shown(facts.size(), total) + "):" + FactText.listing(facts)));
        }
        return memory.matchingAny(context.transaction(), owner.tenantId(), owner.userId(), patterns, limit)
                .map(facts -> facts.isEmpty()
                        ? "No remembered fact matches the query; recall without a query lists all facts."
                        : "Remembered facts matching the query, best match first (" + FactText.facts(facts.size())
                                + "):" + FactText.listing(facts));
    }

    private Uni<Long> total(ToolContext context, MemoryOwner owner) {
        return memory.count(context.transaction(), owner.tenantId(), owner.userId());
    }

    private static String shown(int shown, long total) {
        return shown == total ? FactText.facts(shown) : shown + " of " + total + " facts";
    }
}
