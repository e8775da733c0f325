package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;

import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.EgressRefusedException;

/** The model HTTP client against real local servers: pinned address, TLS name, redirects, refusals. */
class GuardedHttpClientTest {

    private static final String NAME = "model.test";
    private static Vertx vertx;
    private static HttpServer plain;
    private static HttpServer tls;
    private static TestCertificate certificate;
    private static final AtomicInteger redirectTargetHits = new AtomicInteger();

    @BeforeAll
    static void startServers() throws Exception {
        vertx = Vertx.vertx();
        plain = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/redirect" -> request.response().setStatusCode(302)
                        .putHeader("Location", "http://127.0.0.1:" + request.localAddress().port() + "/target")
                        .end();
                case "/target" -> {
                    redirectTargetHits.incrementAndGet();
                    request.response().end("{\"reached\":true}");
                }
                default -> request.response().putHeader("Content-Type", "application/json")
                        .end("{\"host\":\"" + request.getHeader("Host") + "\"}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        certificate = TestCertificate.issue(NAME);
        tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(certificate.keyStore()))
                .requestHandler(request -> request.response().end("{\"tls\":true}"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServers() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A guard that allows loopback and resolves {@link #NAME} to loopback, as if DNS said so. */
    private static EgressGuard loopbackGuard() {
        return new EgressGuard(List.of("127.0.0.0/8"), List.of(), host -> NAME.equals(host)
                ? new InetAddress[]{InetAddress.getByName("127.0.0.1")}
                : InetAddress.getAllByName(host));
    }

    private static GuardedHttpClient client(EgressGuard guard, HttpClientOptions options) {
        // Generous: the first TLS handshake of a cold JVM on a loaded 2-core machine takes seconds; nothing here is
        // about timing.
        return new GuardedHttpClient(vertx.createHttpClient(options), ModelHttp.eventLoopContext(vertx), guard,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60), Clock.systemUTC());
    }

    private static HttpRequest get(String url) {
        return HttpRequest.builder().method(HttpMethod.GET).url(url).build();
    }

    @Test
    void theRequestKeepsTheUrlsHostNameWhileConnectingToTheCheckedAddress() {
        // When the client calls a name the guard resolved to loopback
        String body = client(loopbackGuard(), new HttpClientOptions())
                .execute(get("http://" + NAME + ":" + plain.actualPort() + "/v1/x")).body();

        // Then the server got the name in its Host header
        assertThat(body).isEqualTo("{\"host\":\"" + NAME + ":" + plain.actualPort() + "\"}");
    }

    @Test
    void tlsChecksTheCertificateAgainstTheUrlsHostNameNotTheAddress() {
        // Given a client that trusts the server's certificate, issued for model.test only
        HttpClientOptions trusting = new HttpClientOptions().setVerifyHost(true)
                .setTrustOptions(certificate.trustOptions());

        // When it calls https://model.test (pinned to 127.0.0.1) / Then the handshake accepts the name
        assertThat(client(loopbackGuard(), trusting).execute(get("https://" + NAME + ":" + tls.actualPort() + "/"))
                .body()).isEqualTo("{\"tls\":true}");
        // And the same server reached by its address fails the certificate check
        assertThatThrownBy(() -> client(loopbackGuard(), trusting)
                .execute(get("https://127.0.0.1:" + tls.actualPort() + "/")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void aRedirectIsNotFollowed() {
        // When the server answers 302 towards another path
        assertThatThrownBy(() -> client(loopbackGuard(), new HttpClientOptions())
                .execute(get("http://127.0.0.1:" + plain.actualPort() + "/redirect")))
                .isInstanceOfSatisfying(ProviderHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(302));

        // Then the redirect's target was never asked
        assertThat(redirectTargetHits.get()).isZero();
    }

    @Test
    void aRefusedUrlIsNeverConnected() {
        // Given the strict production guard (no loopback)
        GuardedHttpClient strict = client(EgressGuard.strict(), new HttpClientOptions());

        // When / Then a loopback URL is refused before any connection
        assertThatThrownBy(() -> strict.execute(get("http://127.0.0.1:" + plain.actualPort() + "/target")))
                .isInstanceOf(EgressRefusedException.class);
        assertThat(redirectTargetHits.get()).isZero();
    }
}
