package ai.aleff.tenant.service;

import ai.aleff.contracts.events.TenantLimits;

/** A template in the administrative audit: names and counts of its assistant, which holds no secret anyway. */
record TemplateSnapshot(String id, String name, String description, long version, String summary,
        TenantLimits limits) {

    static TemplateSnapshot of(TemplateView template, String summary) {
        return new TemplateSnapshot(template.id().toString(), template.name(), template.description(),
                template.version(), summary, template.limits());
    }
}
