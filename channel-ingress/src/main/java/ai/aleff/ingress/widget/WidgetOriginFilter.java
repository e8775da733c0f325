package ai.aleff.ingress.widget;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Checks the Origin of every visitor request ({@code /widget/v1/{tenantId}/...}) against the tenant's allowed origins
 * before anything else runs: a missing or disallowed Origin, or a tenant that is unknown, disabled or has the widget
 * off, gets 403 problem+json and nothing else (the same answer, so a page learns nothing about other tenants). A CORS
 * preflight from an allowed origin is answered here; other allowed requests get the CORS headers and go on.
 */
public class WidgetOriginFilter {

    static final Pattern VISITOR_PATH = Pattern
            .compile("/widget/v1/([A-Za-z0-9._:@-]{1,128})/(session|messages|stream|history)");
    private static final String MAX_AGE_SECONDS = "600";

    private final TenantDirectory directory;

    public WidgetOriginFilter(TenantDirectory directory) {
        this.directory = directory;
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkOrigin(RoutingContext routing) {
        String path = routing.normalizedPath();
        if (!path.startsWith("/widget/v1/")) {
            return null;
        }
        Matcher visitorPath = VISITOR_PATH.matcher(path);
        if (!visitorPath.matches()) {
            // widget.js and other static files are for any page; unknown paths fall through to a 404.
            return null;
        }
        String origin = origin(routing);
        String tenantId = visitorPath.group(1);
        if (!allowed(tenantId, origin)) {
            return Problems.of(Response.Status.FORBIDDEN,
                    "This page's origin may not use the chat widget of this tenant.");
        }
        HttpServerResponse response = routing.response();
        response.putHeader("Access-Control-Allow-Origin", origin);
        response.putHeader("Vary", "Origin");
        response.putHeader("Access-Control-Expose-Headers", "Retry-After");
        if (routing.request().method() == HttpMethod.OPTIONS) {
            return Response.noContent()
                    .header("Access-Control-Allow-Methods", "GET, POST")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID")
                    .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                    .build();
        }
        return null;
    }

    /**
     * The page's origin: the Origin header, which browsers send on every cross-origin request. A same-origin GET (the
     * demo page served by ingress itself) has none; browsers mark it {@code Sec-Fetch-Site: same-origin}, a header
     * pages cannot set, and its origin is this server's.
     */
    private static String origin(RoutingContext routing) {
        String origin = routing.request().getHeader("Origin");
        if (origin == null && "same-origin".equals(routing.request().getHeader("Sec-Fetch-Site"))) {
            return routing.request().scheme() + "://" + routing.request().authority();
        }
        return origin;
    }

    private boolean allowed(String tenantId, String origin) {
        if (origin == null) {
            return false;
        }
        return directory.find(tenantId)
                .filter(TenantView::active)
                .map(TenantView::widget)
                .map(widget -> widget.allows(origin))
                .orElse(false);
    }

    /** The tenant's widget settings; call only after {@link #checkOrigin} let the request through. */
    static WidgetSettings settings(TenantDirectory directory, String tenantId) {
        return directory.find(tenantId).map(TenantView::widget).orElse(WidgetSettings.off());
    }
}
