package ai.aleff.platform.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Says what is wrong with an unreadable JSON body, in terms the caller can act on. */
final class JsonProblems {

    /** Jackson's wording for a repeated key when {@code STRICT_DUPLICATE_DETECTION} is on ({@link StrictJson}). */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$");

    private JsonProblems() {
    }

    static String detail(JsonProcessingException e) {
        return switch (e) {
            case UnrecognizedPropertyException u -> "Unknown field '" + u.getPropertyName() + "'.";
            case InvalidFormatException f -> "Field '" + path(f) + "' has the wrong type or format.";
            case MismatchedInputException m -> m.getPath().isEmpty()
                    ? "The body must be a JSON object."
                    : "Field '" + path(m) + "' has the wrong type.";
            case StreamReadException r when duplicateKey(r) != null -> "Field '" + duplicateKey(r)
                    + "' appears more than once; send each field once.";
            default -> "The body is not valid JSON.";
        };
    }

    /** The repeated key, or null when the failure is another one. */
    static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        Matcher matcher = message == null ? null : DUPLICATE.matcher(message);
        return matcher != null && matcher.matches() ? matcher.group(1) : null;
    }

    private static String path(MismatchedInputException e) {
        return String.join(".", e.getPath().stream().map(r -> r.getFieldName() == null
                ? String.valueOf(r.getIndex())
                : r.getFieldName()).toList());
    }
}
