package ai.aleff.deploy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.deploy.KeycloakClient.KeycloakException;

/**
 * The few admin operations the platform needs on the {@code aleff} realm: users of a tenant with a role, their tenant
 * attribute, and clients. Each call gets a fresh master-realm token (they live 60 s).
 */
public final class KeycloakAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KeycloakClient client;
    private final KeycloakAdminCredentials credentials;

    KeycloakAdmin(KeycloakClient client, KeycloakAdminCredentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    /**
     * Creates an enabled user with a password (not temporary), one realm role and, if given, the tenant attribute.
     *
     * @return the new user's id
     */
    public String createUser(String username, String password, String realmRole, String tenantId) {
        ObjectNode user = KeycloakClient.JSON.createObjectNode();
        user.put("username", username);
        user.put("enabled", true);
        user.put("emailVerified", true);
        user.put("email", username + "@users.aleff.local");
        user.put("firstName", username);
        user.put("lastName", "User");
        if (tenantId != null) {
            user.putObject("attributes").putArray(AleffRealm.TENANT_ATTRIBUTE).add(tenantId);
        }
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary",
                false);
        HttpResponse<String> created = client.exchange(request("/users").POST(body(user)).build(),
                "create user " + username);
        if (created.statusCode() != 201) {
            throw new KeycloakException("create user " + username + ": Keycloak answered " + created.statusCode()
                    + " " + created.body(), created.statusCode());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonNode role = client.send(request("/roles/" + encode(realmRole)).GET().build(), 200, "role " + realmRole);
        client.send(request("/users/" + id + "/role-mappings/realm")
                .POST(body(KeycloakClient.JSON.createArrayNode().add(role)))
                .build(), 204, "grant " + realmRole + " to " + username);
        return id;
    }

    /** The id of the user with exactly this username. */
    public Optional<String> userId(String username) {
        JsonNode users = client.send(request("/users?exact=true&username=" + encode(username)).GET().build(), 200,
                "find user " + username);
        return users.isArray() && !users.isEmpty() ? Optional.of(users.get(0).path("id").asText()) : Optional.empty();
    }

    /** Sets the user's tenant attribute (what the {@code tenant_id} claim of their next tokens carries). */
    public void setTenant(String userId, String tenantId) {
        JsonNode current = client.send(request("/users/" + userId).GET().build(), 200, "read user " + userId);
        ObjectNode user = (ObjectNode) current;
        ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes")
                : user.putObject("attributes");
        attributes.putArray(AleffRealm.TENANT_ATTRIBUTE).add(tenantId);
        client.send(request("/users/" + userId).PUT(body(user)).build(), 204, "update user " + userId);
    }

    /** Creates a client of the realm from its representation; one that exists already is left as it is. */
    public void ensureClient(Map<String, Object> representation) {
        HttpResponse<String> response = client.exchange(
                request("/clients").POST(body(KeycloakClient.JSON.valueToTree(representation))).build(),
                "create client " + representation.get("clientId"));
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new KeycloakException("create client " + representation.get("clientId") + ": Keycloak answered "
                    + response.statusCode() + " " + response.body(), response.statusCode());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(client.url() + "/admin/realms/" + AleffRealm.NAME + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + client.masterToken(credentials))
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher body(JsonNode json) {
        try {
            return HttpRequest.BodyPublishers.ofString(KeycloakClient.JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree is always writable", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
