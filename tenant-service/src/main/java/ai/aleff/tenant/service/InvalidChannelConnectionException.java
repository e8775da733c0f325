package ai.aleff.tenant.service;

import java.util.List;

import ai.aleff.platform.rest.Problem.FieldError;

/** A connection request whose fields break the rules of its type; answered 400 with the errors. */
public class InvalidChannelConnectionException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidChannelConnectionException(List<FieldError> errors) {
        super("invalid channel connection: " + errors.size() + " error(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
