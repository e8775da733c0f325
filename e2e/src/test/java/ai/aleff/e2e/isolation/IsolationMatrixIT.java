package ai.aleff.e2e.isolation;

import static ai.aleff.e2e.isolation.MatrixEndpoint.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.e2e.SharedPlatform;
import ai.aleff.e2e.isolation.MatrixEndpoint.Request;
import ai.aleff.e2e.isolation.MatrixEndpoint.Target;
import ai.aleff.e2e.isolation.MatrixIdentity.Access;
import ai.aleff.e2e.isolation.MatrixIdentity.Kind;
import ai.aleff.testkit.identity.RealmUsers;
import ai.aleff.testkit.identity.RealmUsers.TestUser;
import ai.aleff.testkit.identity.Tokens;

/**
 * Every operation of every public API of the running platform, called by every kind of identity: the documented
 * status, problem+json on every refusal, and no other tenant's data in any body. The operations come from a table
 * that a second test holds equal to the services' OpenAPI documents, so a new endpoint cannot skip the matrix.
 * agent-worker and tool-executor serve no public API (only {@code /q/health}), so they have no row.
 */
@ExtendWith(SharedPlatform.class)
class IsolationMatrixIT {

    /** Services whose OpenAPI document lists public operations. */
    private static final List<PlatformService> API_SERVICES = List.of(PlatformService.TENANT_SERVICE,
            PlatformService.CHANNEL_INGRESS, PlatformService.AUDIT_SERVICE);

    private static LocalPlatform platform;
    private static MatrixSetup setup;
    /** The template the template operations name; made before the matrix runs. */
    private static String template;

    @BeforeAll
    static void sharedPlatform() {
        platform = SharedPlatform.platform();
        setup = new MatrixSetup(platform);
    }

    @Test
    void everyIdentityGetsTheDocumentedStatusOnEveryOperationAndNeverAnotherTenantsData() {
        // Given an own tenant, another tenant and a disabled tenant, each with its data, keys and users
        MatrixTenant own = setup.tenant("own");
        MatrixTenant other = setup.tenant("other");
        MatrixTenant disabled = setup.tenant("disabled");
        template = setup.template();
        String revokedKey = setup.revokedKey(own);
        setup.awaitReply(own);
        // Channel connections exist before the disabled tenant is disabled, as they would have been.
        for (MatrixTenant tenant : List.of(own, other, disabled)) {
            setup.telegramConnection(tenant);
            setup.whatsappConnection(tenant);
            setup.slackConnection(tenant);
            setup.discordConnection(tenant);
        }
        setup.disable(disabled);
        own = setup.withKeyPrefixes(own);
        other = setup.withKeyPrefixes(other);
        disabled = setup.withKeyPrefixes(disabled);
        List<MatrixIdentity> identities = identities(own, other, disabled, revokedKey);
        List<MatrixEndpoint> endpoints = endpoints();
        List<MatrixTenant> tenants = List.of(own, other, disabled);
        System.out.printf("Isolation matrix: %d operations x %d identities = %d cells%n", endpoints.size(),
                identities.size(), endpoints.size() * identities.size());

        // When each identity calls each operation (the destructive ones last, the platform administrator last)
        List<String> failures = new ArrayList<>();
        try (MatrixClient client = new MatrixClient(platform)) {
            for (MatrixEndpoint endpoint : endpoints) {
                for (MatrixIdentity identity : identities) {
                    int expected = identity.expectedStatus(endpoint);
                    Target target = new Target(identity.target(), expected == endpoint.success());
                    MatrixClient.Answer answer = client.call(endpoint, identity, endpoint.request().apply(target));
                    List<String> problems = problems(answer, expected, identity, tenants);
                    System.out.printf("  %-4s %-62s %-34s expected %d got %d %s%n", endpoint.method(),
                            endpoint.template(), identity.name(), expected, answer.status(),
                            problems.isEmpty() ? "ok" : "FAIL " + problems);
                    if (!problems.isEmpty()) {
                        failures.add(endpoint.operation() + " as " + identity.name() + ": " + problems);
                    }
                }
            }
        }

        // Then every cell holds
        assertThat(failures).isEmpty();
    }

    @Test
    void theMatrixCoversEveryOperationOfEveryPublicApi() {
        // Given the operations the matrix calls
        Set<String> inMatrix = endpoints().stream()
                .map(endpoint -> endpoint.service().moduleName() + " " + endpoint.operation())
                .collect(Collectors.toCollection(TreeSet::new));

        // When every API service's OpenAPI document is read
        Set<String> published = new TreeSet<>();
        for (PlatformService service : API_SERVICES) {
            Map<String, Map<String, Object>> paths = given().baseUri(platform.serviceUrl(service))
                    .queryParam("format", "json")
                    .get("/q/openapi")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("paths");
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(method -> Set.of("get", "put", "post", "patch", "delete").contains(method))
                    .forEach(method -> published.add(service.moduleName() + " " + method.toUpperCase() + " " + path)));
        }

        // Then the matrix calls exactly the published operations
        assertThat(inMatrix).isEqualTo(published);
    }

    private static List<String> problems(MatrixClient.Answer answer, int expected, MatrixIdentity identity,
            List<MatrixTenant> tenants) {
        List<String> problems = new ArrayList<>();
        if (answer.status() != expected) {
            problems.add("status " + answer.status() + " (" + abbreviate(answer.body()) + ")");
        }
        if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
            problems.add("content type '" + answer.contentType() + "'");
        }
        for (MatrixTenant tenant : tenants) {
            if (identity.visible().contains(tenant)) {
                continue;
            }
            tenant.secrets().stream().filter(answer.body()::contains)
                    .forEach(secret -> problems.add("body shows " + tenant + "'s '" + secret + "'"));
        }
        return problems;
    }

    private static String abbreviate(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "...";
    }

    /** Callers with a platform role first, the platform administrator last: destructive calls succeed last. */
    private static List<MatrixIdentity> identities(MatrixTenant own, MatrixTenant other, MatrixTenant disabled,
            String revokedKey) {
        TestUser ownAdmin = RealmUsers.tenantAdmin(own.id());
        String shortLived = RealmUsers.shortLivedToken(ownAdmin);
        Set<MatrixTenant> none = Set.of();
        List<MatrixIdentity> identities = List.of(
                new MatrixIdentity("own tenant administrator", Kind.OWN_ADMIN, RealmUsers.token(ownAdmin), own,
                        Set.of(own)),
                new MatrixIdentity("other tenant's administrator", Kind.OTHER_ADMIN,
                        RealmUsers.token(RealmUsers.tenantAdmin(other.id())), own, Set.of(other)),
                new MatrixIdentity("tenant member", Kind.MEMBER, RealmUsers.token(RealmUsers.tenantMember(own.id())),
                        own, Set.of(own)),
                new MatrixIdentity("disabled tenant's administrator", Kind.DISABLED_TENANT_ADMIN,
                        RealmUsers.token(RealmUsers.tenantAdmin(disabled.id())), disabled, Set.of(disabled)),
                new MatrixIdentity("no token", Kind.NO_VALID_TOKEN, null, own, none),
                new MatrixIdentity("expired token", Kind.NO_VALID_TOKEN, shortLived, own, none),
                new MatrixIdentity("token signed by another key", Kind.NO_VALID_TOKEN,
                        Tokens.resignedWithAnotherKey(RealmUsers.token(ownAdmin)), own, none),
                new MatrixIdentity("token for another audience", Kind.NO_VALID_TOKEN,
                        RealmUsers.tokenForAnotherAudience(ownAdmin), own, none),
                new MatrixIdentity("own tenant's API key", Kind.OWN_KEY, own.apiKey(), own, Set.of(own)),
                new MatrixIdentity("other tenant's API key", Kind.OTHER_TENANT_KEY, other.apiKey(), own,
                        Set.of(other)),
                new MatrixIdentity("revoked API key", Kind.REVOKED_KEY, revokedKey, own, none),
                new MatrixIdentity("disabled tenant's API key", Kind.DISABLED_TENANT_KEY, disabled.apiKey(), disabled,
                        none),
                new MatrixIdentity("platform administrator", Kind.PLATFORM_ADMIN, RealmUsers.platformAdminToken(), own,
                        Set.of(own, other, disabled)));
        // The short-lived token must be past its expiry before the first call uses it.
        Instant expiry = Tokens.expiresAt(shortLived);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        return identities;
    }

    /** Reading operations first; disable, enable and delete last, in that order. */
    private static List<MatrixEndpoint> endpoints() {
        String tenant = "/v1/tenants/{id}";
        String keys = tenant + "/api-keys";
        return List.of(
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET",
                        "/v1/conversations/{conversationId}/messages",
                        Access.API_KEY, 200, 404,
                        t -> Request.of("/v1/conversations/" + t.tenant().conversationId() + "/messages")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET", "/v1/conversations/{conversationId}/events",
                        Access.API_KEY, 200, 200,
                        t -> new Request("/v1/conversations/" + t.tenant().conversationId() + "/events", null, Map.of(),
                                true)),
                new MatrixEndpoint(PlatformService.AUDIT_SERVICE, "GET", "/v1/audit", Access.API_KEY, 200, 200,
                        t -> Request.of("/v1/audit?conversationId=" + t.tenant().conversationId())),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/v1/messages", Access.API_KEY, 202, 202,
                        t -> Request.json("/v1/messages", "{\"conversationId\": \"" + t.tenant().conversationId()
                                + "\", \"userId\": \"matrix\", \"text\": \"matrix ping\"}")),
                admin("POST", "/v1/tenants", Access.PLATFORM, 201,
                        t -> Request.json("/v1/tenants", "{\"name\": \"iso-created-" + UUID.randomUUID() + "\"}")),
                admin("GET", "/v1/tenants", Access.ANY_ROLE, 200, t -> Request.of("/v1/tenants?limit=200")),
                admin("GET", tenant, Access.READ, 200, t -> Request.of(path(tenant, t))),
                admin("PATCH", tenant, Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t), "{\"name\": \"" + t.tenant().name() + "\"}")),
                admin("GET", tenant + "/assistant", Access.READ, 200, t -> Request.of(path(tenant, t) + "/assistant")),
                admin("PUT", tenant + "/assistant", Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t) + "/assistant",
                                "{\"instructions\": \"" + t.tenant().secrets().get(2) + "\"}")),
                admin("GET", tenant + "/assistant/versions", Access.READ, 200,
                        t -> Request.of(path(tenant, t) + "/assistant/versions")),
                admin("GET", tenant + "/assistant/versions/{version}", Access.READ, 200,
                        t -> Request.of(path(tenant, t) + "/assistant/versions/1")),
                admin("POST", tenant + "/assistant/versions/{version}/restore", Access.MANAGE, 200,
                        t -> Request.of(path(tenant, t) + "/assistant/versions/1/restore")),
                admin("POST", keys, Access.MANAGE, 201,
                        t -> Request.json(path(keys, t), "{\"name\": \"matrix\"}")),
                admin("GET", keys, Access.READ, 200, t -> Request.of(path(keys, t))),
                admin("GET", keys + "/{keyId}", Access.READ, 200,
                        t -> Request.of(path(keys, t) + "/" + t.tenant().apiKeyId())),
                admin("POST", keys + "/{keyId}/rotate", Access.MANAGE, 201,
                        t -> Request.json(path(keys, t) + "/" + keyToUseUp(t) + "/rotate",
                                "{\"overlapSeconds\": 0}")),
                admin("POST", keys + "/{keyId}/revoke", Access.MANAGE, 200,
                        t -> Request.of(path(keys, t) + "/" + keyToUseUp(t) + "/revoke")),
                admin("GET", tenant + "/admin-audit", Access.MANAGE, 200,
                        t -> Request.of(path(tenant, t) + "/admin-audit")),
                admin("GET", tenant + "/limits", Access.READ, 200, t -> Request.of(path(tenant, t) + "/limits")),
                // Generous values: the matrix itself sends a few messages per tenant.
                admin("PUT", tenant + "/limits", Access.PLATFORM, 200,
                        t -> Request.json(path(tenant, t) + "/limits", "{\"messagesPerMinute\": 1000}")),
                admin("GET", tenant + "/usage", Access.MANAGE, 200, t -> Request.of(path(tenant, t) + "/usage")),
                admin("GET", tenant + "/end-user-identity", Access.READ, 200,
                        t -> Request.of(path(tenant, t) + "/end-user-identity")),
                admin("PUT", tenant + "/end-user-identity", Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t) + "/end-user-identity",
                                "{\"unverifiedMemoryInOneToOne\": false}")),
                admin("POST", tenant + "/end-user-identity/secret", Access.MANAGE, 201,
                        t -> Request.of(path(tenant, t) + "/end-user-identity/secret")),
                admin("DELETE", tenant + "/end-user-identity/secret", Access.MANAGE, 200,
                        t -> Request.of(path(tenant, t) + "/end-user-identity/secret")),
                admin("GET", tenant + "/widget", Access.READ, 200, t -> Request.of(path(tenant, t) + "/widget")),
                admin("PUT", tenant + "/widget", Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t) + "/widget",
                                "{\"allowedOrigins\": [\"https://matrix.example\"], \"anonymousVisitors\": true}")),
                // The widget's visitor endpoints: no Origin, so every caller gets the same 403 whatever it holds.
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/widget/v1/{tenantId}/session",
                        Access.ORIGIN, 403, 0,
                        t -> Request.json("/widget/v1/" + t.tenant().id() + "/session", "{}")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/widget/v1/{tenantId}/messages",
                        Access.ORIGIN, 403, 0, t -> Request.json("/widget/v1/" + t.tenant().id() + "/messages",
                                "{\"clientMessageId\": \"m-1\", \"text\": \"matrix ping\"}")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET", "/widget/v1/{tenantId}/history",
                        Access.ORIGIN, 403, 0, t -> Request.of("/widget/v1/" + t.tenant().id() + "/history")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET", "/widget/v1/{tenantId}/stream",
                        Access.ORIGIN, 403, 0,
                        t -> new Request("/widget/v1/" + t.tenant().id() + "/stream", null, Map.of(), true)),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET", "/demo/{tenantId}", Access.PUBLIC, 200, 0,
                        t -> Request.of("/demo/" + t.tenant().id())),
                admin("POST", tenant + "/channels", Access.MANAGE, 201,
                        t -> Request.json(path(tenant, t) + "/channels", MatrixSetup.telegramConnectBody())),
                admin("GET", tenant + "/channels", Access.READ, 200, t -> Request.of(path(tenant, t) + "/channels")),
                admin("GET", tenant + "/channels/{connectionId}", Access.READ, 200,
                        t -> Request.of(path(tenant, t) + "/channels/" + setup.telegramConnection(t.tenant()))),
                admin("PUT", tenant + "/channels/{connectionId}", Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t) + "/channels/" + setup.telegramConnection(t.tenant()),
                                "{\"displayName\": \"Matrix bot\", \"mode\": \"WEBHOOK\"}")),
                admin("POST", tenant + "/channels/{connectionId}/pause", Access.MANAGE, 200,
                        t -> Request.of(path(tenant, t) + "/channels/" + setup.telegramConnection(t.tenant())
                                + "/pause")),
                admin("POST", tenant + "/channels/{connectionId}/resume", Access.MANAGE, 200,
                        t -> Request.of(path(tenant, t) + "/channels/" + setup.telegramConnection(t.tenant())
                                + "/resume")),
                admin("DELETE", tenant + "/channels/{connectionId}", Access.MANAGE, 204,
                        t -> Request.of(path(tenant, t) + "/channels/" + (t.allowed()
                                ? setup.newTelegramConnection(t.tenant())
                                : setup.telegramConnection(t.tenant())))),
                // Webhooks: the platform's signature decides, no token or key; the matrix signs nothing.
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/v1/channels/telegram/{connectionId}",
                        Access.SIGNED, 401, 0, t -> Request.json("/v1/channels/telegram/"
                                + setup.telegramConnection(t.tenant()), "{\"update_id\": 1}")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "GET", "/v1/channels/whatsapp/{connectionId}",
                        Access.SIGNED, 403, 0, t -> Request.of("/v1/channels/whatsapp/"
                                + setup.whatsappConnection(t.tenant())
                                + "?hub.mode=subscribe&hub.verify_token=not-the-token&hub.challenge=1")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/v1/channels/whatsapp/{connectionId}",
                        Access.SIGNED, 401, 0, t -> Request.json("/v1/channels/whatsapp/"
                                + setup.whatsappConnection(t.tenant()), "{\"object\": \"whatsapp_business_account\"}")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/v1/channels/slack/{connectionId}",
                        Access.SIGNED, 401, 0, t -> Request.json("/v1/channels/slack/"
                                + setup.slackConnection(t.tenant()),
                                "{\"type\": \"url_verification\", "
                                        + "\"challenge\": \"matrix\"}")),
                new MatrixEndpoint(PlatformService.CHANNEL_INGRESS, "POST", "/v1/channels/discord/{connectionId}",
                        Access.SIGNED, 401, 0, t -> Request.json("/v1/channels/discord/"
                                + setup.discordConnection(t.tenant()), "{\"type\": 1}")),
                admin("GET", tenant + "/export", Access.READ, 200, t -> Request.of(path(tenant, t) + "/export")),
                admin("POST", tenant + "/import", Access.MANAGE, 200,
                        t -> Request.json(path(tenant, t) + "/import", setup.export(t.tenant()))),
                admin("POST", "/v1/templates", Access.PLATFORM, 201,
                        t -> Request.json("/v1/templates", MatrixSetup.templateBody("iso-t-" + UUID.randomUUID()))),
                admin("GET", "/v1/templates", Access.PLATFORM, 200, t -> Request.of("/v1/templates")),
                admin("GET", "/v1/templates/{templateId}", Access.PLATFORM, 200,
                        t -> Request.of("/v1/templates/" + template)),
                admin("PUT", "/v1/templates/{templateId}", Access.PLATFORM, 200,
                        t -> Request.json("/v1/templates/" + template,
                                MatrixSetup.templateBody("iso-renamed-" + UUID.randomUUID()))),
                admin("POST", "/v1/templates/{templateId}/tenants", Access.PLATFORM, 201,
                        t -> Request.json("/v1/templates/" + template + "/tenants",
                                "{\"name\": \"iso-from-template-" + UUID.randomUUID() + "\"}")),
                admin("DELETE", "/v1/templates/{templateId}", Access.PLATFORM, 204,
                        t -> Request.of("/v1/templates/" + (t.allowed() ? setup.template() : template))),
                admin("POST", "/v1/platform/secrets/re-encrypt", Access.PLATFORM, 200,
                        t -> Request.of("/v1/platform/secrets/re-encrypt")),
                admin("POST", "/v1/platform/tenants/republish", Access.PLATFORM, 200,
                        t -> Request.of("/v1/platform/tenants/republish")),
                admin("POST", tenant + "/disable", Access.PLATFORM, 200,
                        t -> Request.of(path(tenant, t) + "/disable")),
                admin("POST", tenant + "/enable", Access.PLATFORM, 200, t -> Request.of(path(tenant, t) + "/enable")),
                admin("DELETE", tenant, Access.PLATFORM, 204, t -> Request.of(path(tenant, t))));
    }

    private static String path(String template, Target target) {
        return template.replace("{id}", target.tenant().id());
    }

    /**
     * A new key for a call that is to succeed (rotate and revoke use it up; a tenant has at most ten valid keys), the
     * tenant's main key for one that is to be refused: a refusal that let the call through would show in later cells.
     */
    private static String keyToUseUp(Target target) {
        return target.allowed() ? setup.freshKeyId(target.tenant()) : target.tenant().apiKeyId();
    }
}
