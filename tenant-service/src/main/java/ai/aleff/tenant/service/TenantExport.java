package ai.aleff.tenant.service;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.WidgetSettings;

/**
 * A tenant's configuration without secrets, as {@code GET /v1/tenants/{id}/export} returns it and
 * {@code POST /v1/tenants/{id}/import} takes it back. Only {@code format}, {@code assistant} and {@code widget} matter
 * on import; the other fields say where the document came from.
 */
@Schema(name = "TenantExport", description = "A tenant's configuration without secrets: no API key of the tenant, no model key (only apiKeyRequired).")
public record TenantExport(
        @Schema(description = "Always " + TenantExport.FORMAT
                + ".", required = true, example = TenantExport.FORMAT) String format,
        @Schema(description = "The exported tenant's name (not applied on import).", example = "Acme Corp") String tenantName,
        @Schema(description = "When it was exported (not applied on import).") Instant exportedAt,
        @Schema(description = "The assistant configuration version exported (not applied on import).") Long assistantVersion,
        @Schema(required = true) PortableAssistant assistant,
        @Schema(description = "The chat widget's settings (allowed origins, anonymous visitors, appearance); applied "
                + "on import with the same checks as PUT .../widget. Absent (documents exported before it was "
                + "included): the importing tenant's widget settings stay as they are.") WidgetSettings widget) {

    public static final String FORMAT = "aleff.tenant-export.v1";
}
