package ai.aleff.platform.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the problem kind ({@code about:blank} when the status says it all)
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request, and how to fix it
 * @param errors per-field violations, for invalid input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** One invalid field. */
    public record FieldError(String field, String message) {
    }
}
