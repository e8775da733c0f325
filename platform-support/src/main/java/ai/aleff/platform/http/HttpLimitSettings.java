package ai.aleff.platform.http;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on what a client may send before any endpoint runs, the same in every service. Over a limit the request is
 * answered with problem+json (414, 431; 413 comes from {@code quarkus.http.limits.max-body-size}).
 */
@ConfigMapping(prefix = "aleff.http")
public interface HttpLimitSettings {

    /** Longest request target (path and query string) in characters; a longer one is answered 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest request head (every header's name and value, with separators); a larger one is answered 431. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /**
     * What the HTTP codec buffers at most for the request line and for the headers. Between the limits above and
     * this size a request is answered with problem+json; above it Vert.x itself answers a bare 414 or 431 and
     * closes the connection (Quarkus offers no hook into that answer).
     */
    @WithDefault("64K")
    MemorySize codecMaxSize();

    /**
     * Longest a client may take to send a request's line and headers, from the connection's opening (or the first
     * byte of a later request on a kept-alive connection) to the end of the headers. Past it the server answers 408
     * and closes the connection. A request whose headers arrived is never cut by it: slow bodies and long SSE
     * streams are bounded by {@code quarkus.http.idle-timeout} only. Zero disables it.
     */
    @WithDefault("10s")
    Duration headerReadTimeout();
}
