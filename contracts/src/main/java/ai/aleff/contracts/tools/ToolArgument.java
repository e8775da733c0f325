package ai.aleff.contracts.tools;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One argument of a tool: a property of the JSON object the model sends.
 *
 * @param name the property name, e.g. {@code timezone}
 * @param type its JSON type
 * @param description what the model should put there, with an example
 * @param required whether every call must carry it
 */
public record ToolArgument(String name, Type type, String description, boolean required) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** The JSON Schema types an argument can have. */
    public enum Type {
        STRING, BOOLEAN, INTEGER, NUMBER;

        /** The JSON Schema {@code type} keyword value. */
        public String jsonType() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ToolArgument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("argument name must match " + NAME + ": " + name);
        }
    }

    public static ToolArgument required(String name, Type type, String description) {
        return new ToolArgument(name, type, description, true);
    }

    public static ToolArgument optional(String name, Type type, String description) {
        return new ToolArgument(name, type, description, false);
    }
}
