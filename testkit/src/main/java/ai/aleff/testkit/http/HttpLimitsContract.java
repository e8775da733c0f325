package ai.aleff.testkit.http;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.config.SmallRyeConfig;

import ai.aleff.platform.http.HttpLimitSettings;

/**
 * The HTTP limits every service must enforce, as problem+json: extend it from a {@code @QuarkusTest} of the service
 * (with the service's usual test resources, so that no extra application start is needed). The requests go to
 * {@code /q/health/live}, which every service has: the limits apply before routing.
 */
public abstract class HttpLimitsContract {

    /** Quarkus' default for {@code quarkus.http.limits.max-body-size}. */
    private static final MemorySize QUARKUS_DEFAULT_BODY = new MemorySize(BigInteger.valueOf(10_240L * 1024));
    private static final String PATH = "/q/health/live";

    @TestHTTPResource("/")
    URL root;

    protected HostileRequests requests() {
        return HostileRequests.to(root.getPort());
    }

    protected static HttpLimitSettings limits() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(HttpLimitSettings.class);
    }

    @Test
    void uriOverTheLimitIsAnswered414AsProblem() throws IOException {
        // When a request's URI is one character over the limit
        RawResponse response = requests().longUri(PATH, limits().maxUriLength() + 1);

        // Then
        HostileRequests.assertProblem(response, 414, "URI is longer than " + limits().maxUriLength());
    }

    @Test
    void headersOverTheLimitAreAnswered431AsProblem() throws IOException {
        // When the headers are over the limit but within what the codec buffers
        RawResponse response = requests().largeHeaders(PATH, (int) limits().maxHeaderSize().asLongValue() + 2048);

        // Then
        HostileRequests.assertProblem(response, 431, "headers are larger than");
    }

    @Test
    void declaredBodyOverTheLimitIsAnswered413AsProblemBeforeItIsRead() throws IOException {
        // Given the service's body limit
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .orElse(QUARKUS_DEFAULT_BODY)
                .asLongValue();

        // When a request declares one byte more
        RawResponse response = requests().declaredBody(PATH, limit + 1);

        // Then it is refused at once, without waiting for the body
        HostileRequests.assertProblem(response, 413, "larger than " + limit + " bytes");
    }

    @Test
    void headThatNeverEndsIsAnswered408AndClosedAfterTheHeaderReadTimeout() throws IOException {
        // Given the header read timeout
        Duration timeout = limits().headerReadTimeout();

        // When a client trickles a header value a byte a second (so an idle timeout never fires)
        HostileRequests.Slowloris slowloris = requests().slowloris(PATH, timeout.multipliedBy(3));

        // Then the server answers 408 once the timeout ran out, and closes the connection
        HostileRequests.assertProblem(slowloris.response(), 408, "did not arrive within");
        if (slowloris.after().compareTo(timeout) < 0 || !slowloris.closed()) {
            throw new AssertionError("Expected a close after at least " + timeout + " but got " + slowloris);
        }
    }
}
