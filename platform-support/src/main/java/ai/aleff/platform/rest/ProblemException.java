package ai.aleff.platform.rest;

import jakarta.ws.rs.core.Response;

/** An expected client-facing failure with its status and a detail that tells the caller what to do. */
public class ProblemException extends RuntimeException {

    private final Response.StatusType status;

    public ProblemException(Response.StatusType status, String detail) {
        super(detail);
        this.status = status;
    }

    public Response.StatusType status() {
        return status;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }
}
