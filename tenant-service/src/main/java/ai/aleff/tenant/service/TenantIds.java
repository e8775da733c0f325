package ai.aleff.tenant.service;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Tenant ids from URLs: a malformed id simply names no tenant. */
final class TenantIds {

    /** Only the canonical form: {@link UUID#fromString} also accepts odd spellings such as {@code 1-1-1-1-1}. */
    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TenantIds() {
    }

    static Optional<UUID> parse(String id) {
        return id != null && CANONICAL_UUID.matcher(id).matches()
                ? Optional.of(UUID.fromString(id))
                : Optional.empty();
    }
}
