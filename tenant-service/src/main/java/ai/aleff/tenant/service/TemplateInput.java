package ai.aleff.tenant.service;

/**
 * What an administrator sets of a template (validated in the rest layer: name and description; here: the
 * assistant).
 */
public record TemplateInput(String name, String description, PortableAssistant assistant) {
}
