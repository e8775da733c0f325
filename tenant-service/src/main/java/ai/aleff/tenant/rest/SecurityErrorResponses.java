package ai.aleff.tenant.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import ai.aleff.platform.rest.Problems;

/**
 * Adds the 401 and 403 answers every secured operation shares (docs/security.md, "How tenant-service checks a
 * request") to each operation that carries a security requirement, so resources document only their own errors. An
 * operation that documents its own 401 or 403 keeps it. Registered with {@code mp.openapi.filter}.
 */
public class SecurityErrorResponses implements OASFilter {

    static final String UNAUTHORIZED = "No access token, or one that is malformed, expired, wrongly signed or for "
            + "another audience.";
    static final String FORBIDDEN = "The token's roles do not allow this (tenant members only read; some operations "
            + "are for platform administrators only), or the tenant is not the caller's (answered the same whether "
            + "that tenant exists or not).";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        List<SecurityRequirement> global = openAPI.getSecurity();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation operation : operations.values()) {
                List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : global;
                if (security != null && !security.isEmpty()) {
                    addIfAbsent(operation, "401", UNAUTHORIZED);
                    addIfAbsent(operation, "403", FORBIDDEN);
                }
            }
        }
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(Problems.MEDIA_TYPE, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))));
        responses.addAPIResponse(status, response);
    }
}
