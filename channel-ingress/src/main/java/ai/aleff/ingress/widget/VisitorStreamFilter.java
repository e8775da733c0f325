package ai.aleff.ingress.widget;

import java.time.Instant;
import java.util.regex.Matcher;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import ai.aleff.ingress.limits.RateLimitedMapper;
import ai.aleff.ingress.limits.StreamLeases;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;

/**
 * Before a visitor stream opens (its status and headers go out as soon as the endpoint returns): checks the visitor
 * token (401) and takes one of the tenant's stream leases (429, shared with the integrator streams; also 429 when the
 * visitor holds {@code aleff.ingress.widget.max-streams-per-visitor} of them), given back when the connection ends. The visitor is handed to the endpoint in the routing context.
 */
public class VisitorStreamFilter {

    static final String VISITOR = "aleff.widget.visitor";

    private final VisitorTokens tokens;
    private final StreamLeases leases;
    private final WidgetConfig config;

    public VisitorStreamFilter(VisitorTokens tokens, StreamLeases leases, WidgetConfig config) {
        this.tokens = tokens;
        this.leases = leases;
        this.config = config;
    }

    @VisitorStreamed
    @ServerRequestFilter
    public Uni<Response> openStream(RoutingContext routing) {
        Matcher path = WidgetOriginFilter.VISITOR_PATH.matcher(routing.normalizedPath());
        if (!path.matches()) {
            return Uni.createFrom().item(Problems.of(Response.Status.NOT_FOUND, "No such widget endpoint."));
        }
        Visitor visitor;
        try {
            visitor = tokens.verify(BearerTokens.of(routing.request().getHeader("Authorization")), path.group(1),
                    Instant.now());
        } catch (ProblemException e) {
            return Uni.createFrom().item(Problems.of(e.status(), e.getMessage()));
        }
        return leases.acquire(visitor.tenantId(), visitor.conversationId(), config.maxStreamsPerVisitor())
                .map(lease -> {
                    if (lease.refused().isPresent()) {
                        return RateLimitedMapper.response(lease.refused().get());
                    }
                    routing.addEndHandler(ended -> leases.release(lease));
                    if (routing.response().ended() || routing.response().closed()) {
                        leases.release(lease);
                    }
                    routing.put(VISITOR, visitor);
                    return null;
                });
    }
}
