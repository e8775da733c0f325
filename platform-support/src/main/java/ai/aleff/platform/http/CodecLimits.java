package ai.aleff.platform.http;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Lets the HTTP codec accept request lines and heads somewhat above the platform's limits, so that {@link
 * RequestLimits} sees an oversized request and answers it with problem+json: what the codec refuses itself is
 * answered by Vert.x's fixed invalid-request handler, with an empty body.
 */
@Singleton
public class CodecLimits implements HttpServerOptionsCustomizer {

    private final HttpLimitSettings limits;

    public CodecLimits(HttpLimitSettings limits) {
        this.limits = limits;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        int codec = (int) Math.min(Integer.MAX_VALUE, limits.codecMaxSize().asLongValue());
        // The request line also holds the method and the protocol version around the URI.
        options.setMaxInitialLineLength(Math.max(codec, limits.maxUriLength() + 64));
        options.setMaxHeaderSize(Math.max(codec, (int) limits.maxHeaderSize().asLongValue() + 1));
    }
}
