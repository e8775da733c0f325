package ai.aleff.tenant.service;

import java.time.Instant;

import ai.aleff.tenant.repository.AssistantVersionSummary;

/** One entry of an assistant's version list: the version without its (possibly large) configuration. */
public record AssistantVersionView(long version, Instant changedAt, String summary) {

    static AssistantVersionView of(AssistantVersionSummary row) {
        return new AssistantVersionView(row.version(), row.changedAt(), row.summary());
    }
}
