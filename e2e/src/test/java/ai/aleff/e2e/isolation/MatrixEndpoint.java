package ai.aleff.e2e.isolation;

import java.util.Map;
import java.util.function.Function;

import ai.aleff.deploy.PlatformService;
import ai.aleff.e2e.isolation.MatrixIdentity.Access;

/**
 * One operation of a service's public API as the matrix calls it.
 *
 * @param template the path as the service's OpenAPI document names it
 * @param success the status of an allowed call
 * @param otherTenantKeyStatus for API-key endpoints: the status when another tenant's key names this tenant's
 *        resource (its own namespace: 404 for what it does not have, or success where nothing is read)
 * @param request the concrete request for a target tenant, built just before the call (it may prepare a resource)
 */
record MatrixEndpoint(PlatformService service, String method, String template, Access access, int success,
        int otherTenantKeyStatus, Function<Target, Request> request) {

    static MatrixEndpoint admin(String method, String template, Access access, int success,
            Function<Target, Request> request) {
        return new MatrixEndpoint(PlatformService.TENANT_SERVICE, method, template, access, success, 0, request);
    }

    String operation() {
        return method + " " + template;
    }

    /** Whose resources a call names, and whether the caller is expected to be allowed. */
    record Target(MatrixTenant tenant, boolean allowed) {
    }

    /** A concrete request; {@code stream} for server-sent events (only the status and headers are read). */
    record Request(String path, String jsonBody, Map<String, String> headers, boolean stream) {

        static Request of(String path) {
            return new Request(path, null, Map.of(), false);
        }

        static Request json(String path, String body) {
            return new Request(path, body, Map.of(), false);
        }
    }
}
