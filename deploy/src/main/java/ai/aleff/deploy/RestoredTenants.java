package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The marker between {@code ./aleff restore} and the next start: while it exists, tenant-service starts with
 * {@link ServiceCommand#REPUBLISH_PROPERTY}, and it is only removed once tenant-service was ready (its pass runs
 * before readiness), so a start that fails before that tries again next time.
 */
final class RestoredTenants {

    private RestoredTenants() {
    }

    static void markRestored(DataLayout layout) {
        try {
            Files.writeString(layout.republishPending(), "written by ./aleff restore\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + layout.republishPending(), e);
        }
    }

    /** Whether a pending republication was just done (and the marker removed). */
    static boolean republished(DataLayout layout) {
        try {
            return Files.deleteIfExists(layout.republishPending());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + layout.republishPending(), e);
        }
    }
}
