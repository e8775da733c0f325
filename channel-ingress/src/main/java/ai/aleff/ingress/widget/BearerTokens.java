package ai.aleff.ingress.widget;

/** The token of an {@code Authorization: Bearer ...} header. */
final class BearerTokens {

    private static final String PREFIX = "Bearer ";

    private BearerTokens() {
    }

    /** The token, or null when the header is missing or not a Bearer header. */
    static String of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return authorization.substring(PREFIX.length()).trim();
    }
}
