package ai.aleff.tenant.service;

import ai.aleff.contracts.events.TenantLimits;

/**
 * What an administrator sets of a template (validated in the rest layer: name and description; here: the
 * assistant). Null limits: the platform defaults.
 */
public record TemplateInput(String name, String description, PortableAssistant assistant, TenantLimits limits) {
}
