package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.PlatformSettings;
import ai.aleff.deploy.Progress;
import ai.aleff.deploy.RepoLocator;
import ai.aleff.deploy.SharedKeycloak;

/**
 * The platform as {@code ./aleff run} starts it, with the model emulated, one tenant, and a way to run a
 * {@link Scenario} under load and count what became of every message.
 */
public final class FaultHarness implements AutoCloseable {

    /** Short model timeout so the slow phase produces timeouts quickly; slow answers take longer than it. */
    static final Duration MODEL_TIMEOUT = Duration.ofSeconds(3);
    /** Turns left mid-way by a killed worker are resumed after this (the default of 3 minutes is for production). */
    static final Duration STALE_TURN_AFTER = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelEmulator model;
    private final LocalPlatform platform;
    private final Progress progress;
    private final String apiKey;
    private final PlatformReader reader;

    private FaultHarness(ModelEmulator model, LocalPlatform platform, Progress progress, String apiKey) {
        this.model = model;
        this.platform = platform;
        this.progress = progress;
        this.apiKey = apiKey;
        this.reader = new PlatformReader(platform.serviceUrl(PlatformService.CHANNEL_INGRESS),
                platform.serviceUrl(PlatformService.AUDIT_SERVICE), apiKey);
    }

    public static FaultHarness start(Progress progress) {
        ModelEmulator model = ModelEmulator.start(MODEL_TIMEOUT.multipliedBy(2));
        Path repo = RepoLocator.locate();
        PlatformSettings settings = PlatformSettings.builder(repo,
                repo.resolve("bench/target/faults-" + System.currentTimeMillis()))
                .freePorts()
                // The run's shared Keycloak: the faults injected are the platform's, not the identity provider's.
                .externalKeycloak(SharedKeycloak.ofRepository(repo).acquire().url())
                .environment(Map.of())
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.base-url", model.baseUrl())
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.api-key", "sk-bench")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.model-name", "gpt-bench")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.timeout",
                        MODEL_TIMEOUT.toSeconds() + "s")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model-attempts", "2")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.stale-turn-after",
                        STALE_TURN_AFTER.toSeconds() + "s")
                .build();
        LocalPlatform platform = null;
        try {
            platform = LocalPlatform.start(settings, progress);
            String apiKey = createTenant(platform);
            FaultHarness harness = new FaultHarness(model, platform, progress, apiKey);
            harness.awaitKeyKnown();
            return harness;
        } catch (RuntimeException e) {
            if (platform != null) {
                platform.close();
            }
            model.close();
            throw e;
        }
    }

    public LocalPlatform platform() {
        return platform;
    }

    public ModelEmulator model() {
        return model;
    }

    /** Runs the scenario under load and tallies every marker once the replies have settled. */
    public ScenarioResult run(Scenario scenario, LoadProfile profile) {
        String run = scenario.name().replaceAll("[^a-z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> conversations = IntStream.range(0, profile.conversations()).mapToObj(i -> run + "-c" + i).toList();
        progress.line("scenario " + scenario.name() + ": load starts");
        try (LoadClient load = LoadClient.start(platform.serviceUrl(PlatformService.CHANNEL_INGRESS), apiKey,
                conversations, run, profile.maxMessages(), profile.perSecond())) {
            awaitSent(load, profile.faultAfter());
            Instant faultStart = Instant.now();
            for (Runnable phase : scenario.phases()) {
                int phaseStart = load.sent();
                phase.run();
                awaitSent(load, phaseStart + profile.perPhase());
            }
            Instant healStart = Instant.now();
            scenario.heal().run();
            Instant faultEnd = Instant.now();
            load.stopAfter(profile.afterHeal());
            progress.line("scenario " + scenario.name() + ": fault ended, load continues");
            List<Delivery> deliveries = load.deliveries()
                    .orTimeout(profile.afterHeal() / (long) profile.perSecond() + LoadClient.GIVE_UP_AFTER.toSeconds()
                            + 60, TimeUnit.SECONDS)
                    .join();
            List<MarkerResult> results = settle(deliveries, conversations, profile.drainSeconds());
            return ScenarioResult.of(scenario.name(), results, faultStart, faultEnd,
                    Duration.between(healStart, faultEnd), load.unavailable(), load.unreachable());
        }
    }

    private static void awaitSent(LoadClient load, int count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> load.sent() >= count
                || load.allSent());
    }

    /** Waits until every accepted marker has its reply and audit trail (or the drain time is up), then tallies. */
    private List<MarkerResult> settle(List<Delivery> deliveries, List<String> conversations, int drainSeconds) {
        try {
            await().atMost(Duration.ofSeconds(drainSeconds))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> tally(deliveries, conversations).stream()
                            .filter(MarkerResult::accepted)
                            .allMatch(r -> r.replies() > 0 && r.auditComplete()));
        } catch (ConditionTimeoutException e) {
            progress.line("some messages are still unanswered or unaudited after " + drainSeconds + " s");
        }
        return tally(deliveries, conversations);
    }

    private List<MarkerResult> tally(List<Delivery> deliveries, List<String> conversations) {
        List<PlatformReader.Message> messages = new ArrayList<>();
        List<PlatformReader.AuditEntry> audit = new ArrayList<>();
        for (String conversation : conversations) {
            messages.addAll(reader.messages(conversation));
            audit.addAll(reader.audit(conversation));
        }
        return Tally.of(deliveries, messages, audit);
    }

    private static String createTenant(LocalPlatform platform) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(platform.serviceUrl(PlatformService.TENANT_SERVICE) + "/v1/tenants"))
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-" + UUID.randomUUID() + "\"}"))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating the tenant answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body()).path("apiKey").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ingress and audit learn the tenant from Kafka: wait until both accept its key. */
    private void awaitKeyKnown() {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            reader.messages("warm-up");
            reader.audit("warm-up");
            return true;
        });
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        platform.close();
        model.close();
    }
}
