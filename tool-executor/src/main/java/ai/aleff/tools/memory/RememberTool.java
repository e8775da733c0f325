package ai.aleff.tools.memory;

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
import ai.aleff.tools.service.ToolException;

/**
 * {@code remember {"fact": "Prefers answers in Portuguese"}}: stores a fact about the calling user and answers with
 * its id. A fact already remembered (ignoring case and spacing) is not stored again; a full memory is an error that
 * tells the model to forget something first.
 */
@ApplicationScoped
public class RememberTool implements DatabaseTool {

    static final String FACT_ARG = BuiltinTools.FACT_ARG;

    private final MemoryRepository memory;
    private final MemorySettings settings;

    public RememberTool(MemoryRepository memory, MemorySettings settings) {
        this.memory = memory;
        this.settings = settings;
    }

    @Override
    public ToolContract contract() {
        return BuiltinTools.REMEMBER;
    }

    @Override
    public Uni<String> execute(ToolContext context, JsonNode arguments) {
        MemoryOwner owner = MemoryOwner.of(context);
        String fact = fact(arguments);
        return memory.lockUser(context.transaction(), owner.tenantId(), owner.userId())
                .chain(() -> memory.findSame(context.transaction(), owner.tenantId(), owner.userId(), fact))
                .chain(same -> same.isPresent()
                        ? Uni.createFrom().item("Already remembered as [" + same.get().id() + "]: " + same.get().fact())
                        : store(context, owner, fact));
    }

    private Uni<String> store(ToolContext context, MemoryOwner owner, String fact) {
        return memory.count(context.transaction(), owner.tenantId(), owner.userId()).chain(count -> {
            if (count >= settings.maxFactsPerUser()) {
                throw new ToolException("the memory of this user is full (" + settings.maxFactsPerUser()
                        + " facts): forget a fact first (recall lists them with their ids), then remember again");
            }
            return memory.insert(context.transaction(), owner.tenantId(), owner.userId(), fact, context.callId())
                    .map(stored -> stored.map(f -> "Remembered [" + f.id() + "]: " + f.fact())
                            // The user lock makes this unreachable; say something true if it ever happens.
                            .orElse("Already remembered: " + fact));
        });
    }

    private static String fact(JsonNode arguments) {
        String raw = ToolArguments.requiredString(arguments, FACT_ARG);
        if (raw.length() > FactText.MAX_LENGTH * 4) {
            throw new ToolException("the fact is longer than " + FactText.MAX_LENGTH + " characters; keep it short");
        }
        String fact = FactText.normalise(raw);
        if (fact.isEmpty()) {
            throw new ToolException("argument 'fact' is empty");
        }
        if (fact.length() > FactText.MAX_LENGTH) {
            throw new ToolException("the fact is " + fact.length() + " characters long; at most "
                    + FactText.MAX_LENGTH + " are kept, so shorten it");
        }
        return fact;
    }
}
