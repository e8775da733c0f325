package ai.aleff.ingress.config;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI description of the ingress API (served at /q/openapi). */
@OpenAPIDefinition(info = @Info(title = "AleffAI channel-ingress", version = "v1", description = "Send user messages to the tenant's assistant over HTTP, read conversations and receive "
        + "replies as server-sent events. Errors are RFC 9457 problem+json."), security = @SecurityRequirement(name = IngressOpenApi.TENANT_API_KEY))
@SecurityScheme(securitySchemeName = IngressOpenApi.TENANT_API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "The tenant API key: 'Authorization: Bearer ak_...'.")
public class IngressOpenApi extends Application {

    public static final String TENANT_API_KEY = "tenantApiKey";
}
