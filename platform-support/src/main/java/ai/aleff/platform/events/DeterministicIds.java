package ai.aleff.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from what they identify: redoing work after a redelivery or a crash produces the same ids, so
 * consumers deduplicate the repeat. Name-based UUIDs (RFC 4122 version 3, as {@link UUID#nameUUIDFromBytes}); the
 * version stays 3, not 5, because ids already stored and in flight were made that way and a redo after an upgrade
 * must reproduce them.
 */
public final class DeterministicIds {

    private DeterministicIds() {
    }

    /** The id of the name, the parts joined by {@code ':'}; e.g. {@code of("reply", turnId)}. */
    public static String of(String first, String... more) {
        StringBuilder name = new StringBuilder(first);
        for (String part : more) {
            name.append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
