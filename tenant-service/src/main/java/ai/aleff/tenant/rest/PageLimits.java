package ai.aleff.tenant.rest;

import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import ai.aleff.platform.rest.ProblemException;

/**
 * The {@code limit} and {@code cursor} of paged lists, read from the query string itself: JAX-RS hands
 * {@code ?cursor=} to a resource like an absent parameter, yet it is a malformed cursor, not a first page.
 */
final class PageLimits {

    static final int DEFAULT = 50;
    static final int MAX = 200;

    private PageLimits() {
    }

    static int limit(UriInfo uri) {
        String value = single(uri, "limit");
        if (value == null) {
            return DEFAULT;
        }
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX) {
            throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX + ".");
        }
        return Integer.parseInt(value);
    }

    static String cursor(UriInfo uri) {
        String value = single(uri, "cursor");
        if (value != null && value.isEmpty()) {
            throw ProblemException.badRequest("cursor is not one this API returned; pass nextCursor unchanged.");
        }
        return value;
    }

    private static String single(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.badRequest("Send " + name + " once.");
        }
        return values.getFirst();
    }
}
