package ai.aleff.e2e.isolation;

import java.util.Set;

/**
 * One caller of the isolation matrix: the credential it sends (null: none), which tenant's resources its requests
 * name, and which tenants' data it may ever see in a response body.
 *
 * @param name shown in the printed matrix
 * @param kind decides the documented status, with the endpoint's {@link Access}
 * @param bearer the Authorization bearer value; null sends no Authorization header
 * @param target the tenant whose resources the requests name
 * @param visible tenants whose data may appear in a body for this caller
 */
record MatrixIdentity(String name, Kind kind, String bearer, MatrixTenant target, Set<MatrixTenant> visible) {

    /** What kind of credential it is; the expected statuses follow from it. */
    enum Kind {
        OWN_ADMIN, OTHER_ADMIN, MEMBER, PLATFORM_ADMIN, DISABLED_TENANT_ADMIN,
        /** Not a valid credential of the platform's realm: absent, expired, forged or for another audience. */
        NO_VALID_TOKEN, OWN_KEY, OTHER_TENANT_KEY, REVOKED_KEY, DISABLED_TENANT_KEY
    }

    /** The status the documentation gives this caller on an endpoint of this access and success status. */
    int expectedStatus(MatrixEndpoint endpoint) {
        if (endpoint.access() == Access.SIGNED || endpoint.access() == Access.ORIGIN
                || endpoint.access() == Access.PUBLIC) {
            // Bearer tokens and API keys play no part: without the platform's signature (or an allowed Origin)
            // everyone is refused alike, and a public page is everyone's.
            return endpoint.success();
        }
        if (endpoint.access() == Access.API_KEY) {
            return switch (kind) {
                case OWN_KEY -> endpoint.success();
                case OTHER_TENANT_KEY -> endpoint.otherTenantKeyStatus();
                case DISABLED_TENANT_KEY -> 403;
                default -> 401;
            };
        }
        return switch (kind) {
            case PLATFORM_ADMIN -> endpoint.success();
            // A disabled tenant's administrators still read and fix their configuration; only its traffic stops.
            case OWN_ADMIN, DISABLED_TENANT_ADMIN -> endpoint.access() == Access.PLATFORM ? 403 : endpoint.success();
            case MEMBER -> endpoint.access() == Access.READ || endpoint.access() == Access.ANY_ROLE
                    ? endpoint.success()
                    : 403;
            case OTHER_ADMIN -> endpoint.access() == Access.ANY_ROLE ? endpoint.success() : 403;
            default -> 401;
        };
    }

    /** How an endpoint decides who may call it. */
    enum Access {
        /** OIDC: the tenant's administrators and members, and platform administrators. */
        READ,
        /** OIDC: the tenant's administrators and platform administrators. */
        MANAGE,
        /** OIDC: platform administrators only. */
        PLATFORM,
        /** OIDC: anyone with a platform role; the answer holds only the caller's own tenants. */
        ANY_ROLE,
        /** A tenant API key of an active tenant. */
        API_KEY,
        /**
         * A messaging platform's signature over the body (webhooks): the matrix sends none, so its {@code success} is
         * the refusal every caller gets, whatever token or key it holds.
         */
        SIGNED,
        /**
         * The chat widget's visitor endpoints: the page's Origin is checked against the tenant's allowed origins before
         * anything else, and the matrix sends none, so its {@code success} is the 403 every caller gets.
         */
        ORIGIN,
        /** A public page (the widget's demo page): the same answer for everyone. */
        PUBLIC
    }
}
