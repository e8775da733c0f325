package ai.aleff.contracts.tools;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the model, tool-executor and tenant-service agree a tool is: its name, what it does, the arguments it takes
 * and whether running it changes state. The agent worker offers it to the model from this, tool-executor implements
 * it and tenant-service accepts its name in an assistant's configuration.
 *
 * @param name the name the model calls it by; letters, digits and '_' (what every provider accepts), at most 64
 * @param description what it does, for the model
 * @param arguments the properties of its JSON object arguments, in the order the model sees them
 * @param sideEffecting whether a run changes state, so that a repeated request must not run it twice (tool-executor
 *        runs such a tool in the transaction that records its outcome)
 */
public record ToolContract(String name, String description, List<ToolArgument> arguments, boolean sideEffecting) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ToolContract {
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must match " + NAME + ": " + name);
        }
        arguments = List.copyOf(arguments);
        Set<String> names = new HashSet<>();
        for (ToolArgument argument : arguments) {
            if (!names.add(argument.name())) {
                throw new IllegalArgumentException("tool " + name + " names argument " + argument.name() + " twice");
            }
        }
    }

    /** The argument called {@code name}, if the tool takes one. */
    public Optional<ToolArgument> argument(String argumentName) {
        return arguments.stream().filter(a -> a.name().equals(argumentName)).findFirst();
    }

    /** The names of the arguments every call must carry. */
    public List<String> requiredArguments() {
        return arguments.stream().filter(ToolArgument::required).map(ToolArgument::name).toList();
    }

    /**
     * The JSON Schema (draft 2020-12) of the arguments object, as text. Unknown properties are not refused: models
     * add them now and then, and the tools ignore them.
     */
    public String argumentsSchema() {
        String properties = arguments.stream()
                .map(a -> quote(a.name()) + ":{\"type\":" + quote(a.type().jsonType()) + ",\"description\":"
                        + quote(a.description()) + "}")
                .collect(Collectors.joining(",", "{", "}"));
        String required = requiredArguments().stream()
                .map(ToolContract::quote)
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"title\":" + quote(name)
                + ",\"type\":\"object\",\"properties\":" + properties + ",\"required\":" + required + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
