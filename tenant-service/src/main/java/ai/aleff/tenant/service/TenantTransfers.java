package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.rest.Problem.FieldError;

/**
 * Export and import of a tenant's configuration without secrets. An export is the current assistant with every key
 * removed ({@link PortableAssistant}); an import is a new assistant version, guarded by If-Match like a PUT, in
 * which a model that needs a key takes the one supplied in the document or keeps the one the tenant stores for the
 * same provider, model and baseUrl, and otherwise is refused naming the entry. The widget settings (no secret in
 * them) travel too: exported as they are, imported as a PUT of them would set them.
 */
@ApplicationScoped
public class TenantTransfers {

    static final String IMPORTED = "tenant.assistant.imported";

    private final AssistantService assistants;
    private final TenantService tenants;
    private final WidgetService widgets;

    public TenantTransfers(AssistantService assistants, TenantService tenants, WidgetService widgets) {
        this.assistants = assistants;
        this.tenants = tenants;
        this.widgets = widgets;
    }

    public Uni<TenantExport> export(Actor actor, String tenantId) {
        return assistants.current(actor, tenantId)
                .chain(stored -> widgets.get(actor, tenantId)
                        .chain(widget -> tenants.find(tenantId).map(tenant -> new TenantExport(TenantExport.FORMAT,
                                tenant.orElseThrow(TenantChanges::noSuchTenant).name(),
                                Instant.now().truncatedTo(ChronoUnit.SECONDS), stored.version(),
                                PortableAssistant.of(stored.configuration()), widget))));
    }

    public Uni<StoredAssistant> importInto(Actor actor, String tenantId, TenantExport document,
            Precondition precondition) {
        if (!TenantExport.FORMAT.equals(document.format())) {
            return Uni.createFrom().failure(new InvalidAssistantException(List.of(new FieldError("format",
                    "must be " + TenantExport.FORMAT))));
        }
        if (document.assistant() == null) {
            return Uni.createFrom().failure(new InvalidAssistantException(List.of(new FieldError("assistant",
                    "must not be null"))));
        }
        // The widget settings were checked by the caller (as a PUT of them is) before anything is applied; they go in
        // after the assistant, as their own audited change, and only if the document has them.
        return assistants.replace(actor, tenantId, document.assistant().toInput(), precondition, IMPORTED)
                .onFailure(InvalidAssistantException.class)
                .transform(e -> inDocumentTerms((InvalidAssistantException) e))
                .call(stored -> document.widget() == null
                        ? Uni.createFrom().voidItem()
                        : widgets.set(actor, tenantId, new WidgetSettings(
                                document.widget().allowedOrigins().stream().distinct().toList(),
                                document.widget().anonymousVisitors(), document.widget().appearance())));
    }

    /** The errors name the document's fields: {@code assistant.models[0]}, not the PUT's {@code keepApiKey}. */
    private static InvalidAssistantException inDocumentTerms(InvalidAssistantException e) {
        return new InvalidAssistantException(e.errors().stream().map(error -> error.field().endsWith(".keepApiKey")
                ? new FieldError("assistant." + error.field().substring(0, error.field().length() - 11),
                        "needs an API key (apiKeyRequired) and this tenant stores none for this provider, model and "
                                + "baseUrl: add apiKey to this entry, or drop apiKeyRequired to use the platform's key")
                : new FieldError("assistant." + error.field(), error.message())).toList());
    }
}
