package ai.aleff.platform.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Says what is wrong with an unreadable JSON body, in terms the caller can act on. */
final class JsonProblems {

    /** Jackson's wording for a repeated key when {@code STRICT_DUPLICATE_DETECTION} is on ({@link StrictJson}). */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private JsonProblems() {
    }

    static String detail(JsonProcessingException e) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return "Field '" + duplicate + "' appears more than once; send each field once.";
        }
        return switch (e) {
            case UnrecognizedPropertyException u -> "Unknown field '" + u.getPropertyName() + "'.";
            case InvalidFormatException f -> "Field '" + path(f) + "' has the wrong type or format.";
            case MismatchedInputException m -> m.getPath().isEmpty()
                    ? "The body must be a JSON object."
                    : "Field '" + path(m) + "' has the wrong type.";
            default -> "The body is not valid JSON.";
        };
    }

    /**
     * The repeated key, or null when the failure is another one. A nested bean deserializer may wrap the parser's
     * exception, hence the walk down the causes.
     */
    static String duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json && json.getOriginalMessage() != null) {
                Matcher matcher = DUPLICATE.matcher(json.getOriginalMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    private static String path(MismatchedInputException e) {
        return String.join(".", e.getPath().stream().map(r -> r.getFieldName() == null
                ? String.valueOf(r.getIndex())
                : r.getFieldName()).toList());
    }
}
