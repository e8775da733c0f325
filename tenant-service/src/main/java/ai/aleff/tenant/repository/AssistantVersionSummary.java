package ai.aleff.tenant.repository;

import java.time.Instant;

/** A version without its (possibly large) configuration, for listing. */
public record AssistantVersionSummary(long version, Instant changedAt, String summary) {
}
