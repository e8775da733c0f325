package ai.aleff.ingress.widget;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.aleff.ingress.api.Identifiers;

/**
 * A page that embeds the tenant's chat widget, for trying it on the local run ({@code ./aleff run} prints its URL).
 * It needs this server's own origin among the tenant's allowed origins, like any page.
 */
@Path("/demo/{tenantId}")
@PermitAll
@Tag(name = "Widget")
public class DemoPageResource {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "widgetDemoPage", summary = "A demo page embedding the tenant's chat widget")
    public String page(
            @PathParam("tenantId") @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String tenantId) {
        // The pattern admits no character that HTML would read as markup.
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>AleffAI chat demo</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
                <h1>AleffAI chat demo</h1>
                <p>This page embeds the chat widget of tenant <code>%s</code> with one script tag. Open the chat with
                the button at the bottom right.</p>
                <pre>&lt;script src="/widget/v1/widget.js" data-tenant="%s" async&gt;&lt;/script&gt;</pre>
                <script src="/widget/v1/widget.js" data-tenant="%s" async></script>
                </body>
                </html>
                """.formatted(tenantId, tenantId, tenantId);
    }
}
