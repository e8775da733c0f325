package ai.aleff.e2e.widget;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/**
 * A tenant of its own for a browser test, whose widget only the shop's origin may use, with anonymous visitors (and,
 * unless given one, no appearance: the widget's own localised strings), and its visitor API read straight from an
 * ingress instance.
 */
public record WidgetTenant(String id, String origin) {

    /**
     * Creates the tenant, sets its widget settings and waits until every given channel-ingress instance has them
     * (they arrive over Kafka within seconds).
     */
    public static WidgetTenant create(LocalPlatform platform, String origin, List<String> ingressBaseUrls) {
        return create(platform, origin, ingressBaseUrls, Map.of());
    }

    /** The same with the tenant's widget appearance ({@code title}, {@code primaryColor}, ...; docs/widget.md). */
    public static WidgetTenant create(LocalPlatform platform, String origin, List<String> ingressBaseUrls,
            Map<String, String> appearance) {
        String tenants = platform.serviceUrl(PlatformService.TENANT_SERVICE);
        String tenantId = given().baseUri(tenants)
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "widget-" + UUID.randomUUID()))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().baseUri(tenants)
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(appearance.isEmpty()
                        ? Map.of("allowedOrigins", List.of(origin), "anonymousVisitors", true)
                        : Map.of("allowedOrigins", List.of(origin), "anonymousVisitors", true, "appearance",
                                appearance))
                .put("/v1/tenants/{id}/widget", tenantId)
                .then()
                .statusCode(200);
        WidgetTenant tenant = new WidgetTenant(tenantId, origin);
        for (String ingress : ingressBaseUrls) {
            await().atMost(WidgetBrowser.PATIENCE).until(() -> given().baseUri(ingress)
                    .header("Origin", origin)
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/widget/v1/{t}/session", tenantId)
                    .statusCode() == 200);
        }
        return tenant;
    }

    /**
     * The visitor's conversation as the durable log holds it ({@code GET .../history} on this instance, as the
     * page's origin): the texts of its messages by author, oldest first.
     */
    public List<String> history(String ingressBaseUrl, String visitorToken, String author) {
        JsonPath history = given().baseUri(ingressBaseUrl)
                .header("Origin", origin)
                .auth()
                .oauth2(visitorToken)
                .get("/widget/v1/{t}/history", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return history.getList("messages.findAll { it.author == '" + author + "' }.text", String.class);
    }
}
