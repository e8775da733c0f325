package ai.aleff.tools.memory;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.repository.MemoryFact;
import ai.aleff.tools.repository.MemoryRepository;
import ai.aleff.tools.service.DatabaseTool;
import ai.aleff.tools.service.ToolArguments;
import ai.aleff.tools.service.ToolContext;
import ai.aleff.tools.service.ToolException;

/**
 * {@code forget {"id": "12"}}, {@code forget {"query": "coffee"}} or {@code forget {"all": true}}: deletes facts of
 * the calling user (by id, those containing every word of the query, or all) and lists what was forgotten.
 */
@ApplicationScoped
public class ForgetTool implements DatabaseTool {

    static final String ID_ARG = BuiltinTools.ID_ARG;
    static final String QUERY_ARG = BuiltinTools.QUERY_ARG;
    static final String ALL_ARG = BuiltinTools.ALL_ARG;
    private static final int MAX_ID_DIGITS = 18;

    private final MemoryRepository memory;

    public ForgetTool(MemoryRepository memory) {
        this.memory = memory;
    }

    @Override
    public ToolContract contract() {
        return BuiltinTools.FORGET;
    }

    @Override
    public Uni<String> execute(ToolContext context, JsonNode arguments) {
        MemoryOwner owner = MemoryOwner.of(context);
        Long id = id(arguments.get(ID_ARG));
        String query = ToolArguments.optionalString(arguments, QUERY_ARG);
        boolean all = all(arguments.get(ALL_ARG));
        List<String> given = new ArrayList<>();
        if (id != null) {
            given.add(ID_ARG);
        }
        if (query != null) {
            given.add(QUERY_ARG);
        }
        if (all) {
            given.add(ALL_ARG);
        }
        if (given.isEmpty()) {
            throw new ToolException("say what to forget: 'id' (from recall), 'query' (words each forgotten fact"
                    + " contains) or 'all': true");
        }
        if (given.size() > 1) {
            throw new ToolException("give only one of 'id', 'query' or 'all', not " + String.join(" and ", given));
        }
        if (id != null) {
            return memory.deleteById(context.transaction(), owner.tenantId(), owner.userId(), id)
                    .map(facts -> answer(facts, "no remembered fact has id " + id));
        }
        if (all) {
            return memory.deleteAll(context.transaction(), owner.tenantId(), owner.userId())
                    .map(facts -> answer(facts, "no facts were remembered about this user"));
        }
        List<String> patterns = FactText.patterns(query);
        if (patterns.isEmpty()) {
            throw new ToolException("the query has no words to match; give words the facts contain, or an id");
        }
        return memory.deleteMatchingAll(context.transaction(), owner.tenantId(), owner.userId(), patterns)
                .map(facts -> answer(facts, "no remembered fact contains every word of the query"));
    }

    private static String answer(List<MemoryFact> forgotten, String nothing) {
        if (forgotten.isEmpty()) {
            return "Nothing was forgotten: " + nothing + ".";
        }
        return "Forgot " + FactText.facts(forgotten.size()) + ":" + FactText.listing(forgotten);
    }

    /** A fact id as recall shows it: {@code 12}, {@code "12"}, {@code "[12]"} or {@code "#12"}. */
    private static Long id(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            text = Long.toString(value.longValue());
        } else if (value.isTextual()) {
            text = value.textValue().strip();
            if (text.startsWith("[") && text.endsWith("]") && text.length() > 1) {
                text = text.substring(1, text.length() - 1).strip();
            } else if (text.startsWith("#")) {
                text = text.substring(1);
            }
        } else {
            throw invalidId();
        }
        if (text.isEmpty() || text.length() > MAX_ID_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalidId();
        }
        return Long.parseLong(text);
    }

    private static ToolException invalidId() {
        return new ToolException("argument 'id' must be a fact id such as \"12\", as recall shows it");
    }

    private static boolean all(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ToolException("argument 'all' must be true or false");
        }
        return value.booleanValue();
    }
}
