package ai.aleff.tenant.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import ai.aleff.platform.rest.ProblemException;

/**
 * Opaque page cursors: the position after the last item of a page, base64url-encoded with a kind and version, so
 * clients pass them back unchanged and a cursor of one list is refused by another. Not a secret and not signed:
 * a forged cursor only moves the position inside what the caller may read anyway.
 */
final class Cursors {

    private static final int MAX_LENGTH = 512;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private Cursors() {
    }

    static String encode(String kind, String... parts) {
        String plain = kind + ".v1|" + String.join("|", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor of this kind; a cursor this API did not return is a 400. */
    static List<String> decode(String kind, String cursor, int parts) {
        if (cursor.length() > MAX_LENGTH || !BASE64URL.matcher(cursor).matches()) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> fields = List.of(plain.split("\\|", -1));
        if (fields.size() != parts + 1 || !fields.get(0).equals(kind + ".v1")) {
            throw invalid();
        }
        return fields.subList(1, fields.size());
    }

    static ProblemException invalid() {
        return ProblemException.badRequest("cursor is not one this API returned; pass nextCursor unchanged.");
    }
}
