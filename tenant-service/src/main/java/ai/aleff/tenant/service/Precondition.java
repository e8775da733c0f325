package ai.aleff.tenant.service;

import java.util.Arrays;

/**
 * An {@code If-Match} header against the assistant configuration's version (its ETag is {@code "<version>"}). Absent
 * means "whatever the current version is"; {@code *} matches any; otherwise one of the listed strong tags must be
 * the current version. A weak tag ({@code W/"3"}) never matches, as RFC 9110 requires for If-Match.
 */
public record Precondition(String ifMatch) {

    public static final Precondition NONE = new Precondition(null);

    public boolean matches(long currentVersion) {
        if (ifMatch == null) {
            return true;
        }
        String current = etag(currentVersion);
        return Arrays.stream(ifMatch.split(",")).map(String::strip).anyMatch(tag -> tag.equals("*")
                || tag.equals(current));
    }

    /** The strong entity tag of a version, quotes included. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
