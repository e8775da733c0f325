package ai.aleff.tools.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;

/** Every tool this executor offers, by name. */
@ApplicationScoped
public class ToolRegistry {

    private final Map<String, ToolDefinition> tools;

    public ToolRegistry(@All List<ToolDefinition> tools) {
        // toMap fails on a duplicate name, so two tools can never silently shadow each other.
        this.tools = tools.stream().collect(Collectors.toUnmodifiableMap(ToolDefinition::name, Function.identity()));
    }

    public Optional<ToolDefinition> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(tools.get(name));
    }

    public List<String> names() {
        return tools.keySet().stream().sorted().toList();
    }
}
