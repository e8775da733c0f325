package ai.aleff.tenant.service;

import java.util.List;

import ai.aleff.platform.rest.Problem.FieldError;

/** The assistant configuration an admin sent breaks these rules; answered with 400 and the errors. */
public class InvalidAssistantException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidAssistantException(List<FieldError> errors) {
        super("Invalid assistant configuration: " + errors.size() + " error(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
