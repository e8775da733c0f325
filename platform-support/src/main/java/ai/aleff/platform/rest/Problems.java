package ai.aleff.platform.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response.ResponseBuilder response(Response.StatusType status, String title, String detail) {
        return response(status, title, detail, null);
    }

    public static Response.ResponseBuilder response(Response.StatusType status, String title, String detail,
            List<Problem.FieldError> errors) {
        return Response.status(status.getStatusCode())
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, errors));
    }

    public static Response of(Response.StatusType status, String detail) {
        return response(status, status.getReasonPhrase(), detail).build();
    }
}
