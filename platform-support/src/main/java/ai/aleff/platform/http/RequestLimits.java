package ai.aleff.platform.http;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first route of every request: refuses a URI, a head or a declared body over the limits with problem+json
 * before authentication or any endpoint runs, and tells the connection's {@link HeaderDeadline} that a request head
 * arrived. Runs just before Quarkus' own body-size check, which stays as the backstop for chunked bodies.
 */
@ApplicationScoped
public class RequestLimits {

    private final HttpLimitSettings limits;
    private final long maxBodySize;
    private final ProblemResponses problems;

    public RequestLimits(HttpLimitSettings limits, ProblemResponses problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.limits = limits;
        this.problems = problems;
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        HeaderDeadline.headersReceived(request);
        context.addEndHandler(ended -> HeaderDeadline.responseEnded(request));
        if (request.uri().length() > limits.maxUriLength()) {
            refuse(context, HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request URI is longer than "
                    + limits.maxUriLength() + " characters; send long values in a JSON body.");
        } else if (headSize(request) > limits.maxHeaderSize().asLongValue()) {
            refuse(context, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are larger than "
                    + limits.maxHeaderSize().asLongValue() + " bytes.");
        } else if (declaredBodySize(request) > maxBodySize) {
            refuse(context, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBodySize + " bytes; nothing was accepted.");
        } else {
            context.next();
        }
    }

    private void refuse(RoutingContext context, HttpResponseStatus status, String detail) {
        context.response().endHandler(ended -> context.request().connection().close());
        problems.endAndClose(context.response(), status, detail);
    }

    /** What the head occupies on the wire: each header as {@code name: value CRLF}. */
    static long headSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private static long declaredBodySize(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0; // Not a length: the HTTP codec and Quarkus refuse the request themselves.
        }
    }
}
