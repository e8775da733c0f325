package ai.aleff.e2e.noisy;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.e2e.SharedPlatform;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OpenAiReply;

/**
 * Noisy neighbour, on the built platform: a tenant sending ten times its per-minute limit does not raise another
 * tenant's reply p99 by more than 20 %. Both tenants' model calls take a fixed 3 s (a stub only their instructions
 * match), as a real model's do, so the latency compared is the platform's own work around a constant model; the
 * printed figures show both.
 */
@ExtendWith(SharedPlatform.class)
class NoisyNeighbourIT {

    private static final String MARKER = "noisy-neighbour-" + UUID.randomUUID();
    private static final String A_INSTRUCTIONS = "Answer briefly. " + MARKER + " tenant A";
    private static final String B_INSTRUCTIONS = "Answer briefly. " + MARKER + " tenant B";
    private static final String REPLY = "Noisy neighbour test reply.";
    private static final Duration MODEL_DELAY = Duration.ofSeconds(3);
    private static final int A_LIMIT_PER_MINUTE = 60;
    private static final int A_SENDS_PER_MINUTE = 10 * A_LIMIT_PER_MINUTE;
    private static final int A_CONVERSATIONS = 20;
    // B sends about 250 messages a minute while measured: well within these.
    private static final String B_LIMITS = "{\"messagesPerMinute\":2000,\"messagesPerMinutePerKey\":2000}";
    private static final int B_USERS = 10;
    private static final int B_MESSAGES_PER_USER = 10;
    private static final int B_WARM_UP_PER_USER = 2;
    // The users start about one reply cycle apart in all, so B's load is steady from its first measured message.
    private static final Duration B_STAGGER = MODEL_DELAY.plusMillis(300).dividedBy(B_USERS);
    private static final double MAX_RATIO = 1.2;

    private static LocalPlatform platform;
    private static OpenAiEmulator model;
    private static StubMapping slowModel;

    @BeforeAll
    static void slowModelForTheseTenants() {
        platform = SharedPlatform.platform();
        model = SharedPlatform.model();
        // Above the shared platform's calculator stubs; only requests carrying this run's instructions match.
        slowModel = model.server()
                .stubFor(post(urlPathEqualTo(OpenAiEmulator.COMPLETIONS)).atPriority(1)
                        .withRequestBody(containing(MARKER))
                        .willReturn(OpenAiEmulator.stubbed(OpenAiReply.text(REPLY).delayedBy(MODEL_DELAY))));
    }

    @AfterAll
    static void removeSlowModel() {
        model.server().removeStub(slowModel);
    }

    @Test
    void aTenantSendingTenTimesItsLimitDoesNotRaiseAnotherTenantsReplyP99ByMoreThanTwentyPercent() {
        try (MessageClient client = new MessageClient(platform);
                MessageClient noisyClient = new MessageClient(platform);
                ReplyStreams streams = new ReplyStreams(platform);
                LoadTenants tenants = new LoadTenants(platform, client)) {
            // Given a noisy tenant A limited to 60 messages a minute and a quiet tenant B, both on the slow model
            // (both made at once: each waits for Kafka to bring its key and configuration to the services)
            CompletableFuture<LoadTenant> noisyTenant = CompletableFuture.supplyAsync(() -> awaitSlowModelAnswers(
                    client, streams,
                    tenants.create("A", "{\"messagesPerMinute\":" + A_LIMIT_PER_MINUTE + "}", A_INSTRUCTIONS)));
            LoadTenant b = awaitSlowModelAnswers(client, streams, tenants.create("B", B_LIMITS, B_INSTRUCTIONS));
            LoadTenant a = noisyTenant.join();
            QuietLoad quiet = new QuietLoad(client, streams, b, REPLY);
            List<String> aConversations = IntStream.range(0, A_CONVERSATIONS)
                    .mapToObj(i -> "nn-a-" + i + "-" + System.nanoTime())
                    .toList();

            // And B's traffic run once to warm up the platform's code paths (not measured)
            QuietLoad.Phase warmUp = quiet.run("warmup", B_USERS, B_WARM_UP_PER_USER, B_STAGGER, () -> {
            });

            // When B's latency is measured alone
            QuietLoad.Phase alone = quiet.run("alone", B_USERS, B_MESSAGES_PER_USER, B_STAGGER, () -> {
            });

            // And again, the same traffic, while A sends ten times its limit from its own threads
            NoisyLoad noisy = new NoisyLoad(noisyClient, a, aConversations, A_SENDS_PER_MINUTE);
            QuietLoad.Phase underLoad = quiet.run("loaded", B_USERS, B_MESSAGES_PER_USER, B_STAGGER, noisy::start);
            NoisyLoad.Result aResult = noisy.stop();

            double ratio = underLoad.latencies().p99() / alone.latencies().p99();
            print(warmUp, alone, underLoad, aResult, ratio);
            ModelJournal bCalls = ModelJournal.of(model, B_INSTRUCTIONS);
            for (QuietLoad.Phase phase : List.of(alone, underLoad)) {
                LatencyBreakdown.print(phase, LatencyBreakdown.of(phase, bCalls, MODEL_DELAY.toMillis()));
            }
            ModelJournal aCalls = ModelJournal.of(model, A_INSTRUCTIONS);
            System.out.printf("noisy-neighbour: model calls: A %d (at most %d at once), B %d (at most %d at once)%n",
                    aCalls.calls(), aCalls.mostAtOnce(MODEL_DELAY.toMillis()), bCalls.calls(),
                    bCalls.mostAtOnce(MODEL_DELAY.toMillis()));

            // Then A went over its limit and was refused, and nothing else went wrong for it
            assertThat(aResult.refused()).as("A's 429s").isPositive();
            assertThat(aResult.accepted()).as("A's accepted messages").isPositive();
            assertThat(aResult.otherStatuses()).as("A's answers other than 202 and 429").isEmpty();

            // And every accepted message of A and every message of B got exactly one reply
            tenants.limits(a, "{}");
            assertExactlyOneReplyEach(client, a, withMarkers(client, a, aResult.acceptedByConversation()));
            Map<String, List<String>> bSent = new LinkedHashMap<>();
            for (QuietLoad.Phase phase : List.of(warmUp, alone, underLoad)) {
                bSent.putAll(phase.messagesByConversation());
                phase.messageIds().forEach(id -> assertThat(streams.distinctReplies(id)).as("replies to " + id)
                        .isEqualTo(1));
            }
            assertExactlyOneReplyEach(client, b, withMarkers(client, b, bSent));

            // And B's p99 under A's load stays within 20 % of its p99 alone
            assertThat(ratio).as("B's p99 under load / alone (%s vs %s)", underLoad.latencies(), alone.latencies())
                    .isLessThanOrEqualTo(MAX_RATIO);
        }
    }

    /** Until the tenant's configuration reached the worker: a message of it is answered by the slow stub. */
    private static LoadTenant awaitSlowModelAnswers(MessageClient client, ReplyStreams streams, LoadTenant tenant) {
        String conversationId = "nn-probe-" + tenant.label() + "-" + System.nanoTime();
        streams.follow(tenant, conversationId).join();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            MessageClient.Posted posted = client.post(tenant, conversationId, "probe", "Probe");
            return posted.accepted()
                    && REPLY.equals(streams.replyTo(posted.messageId()).get(30, TimeUnit.SECONDS).text());
        });
        return tenant;
    }

    /** Each conversation's messages plus a marker sent now (with the tenant's limit back at the default). */
    private static Map<String, List<String>> withMarkers(MessageClient client, LoadTenant tenant,
            Map<String, List<String>> sent) {
        Map<String, List<String>> withMarkers = new LinkedHashMap<>();
        sent.forEach((conversation, ids) -> {
            List<String> all = new ArrayList<>(ids);
            // A's limit change reaches ingress within seconds; until then the marker is refused like A's load.
            String marker = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.post(tenant, conversation, "marker", "Marker").messageId(), id -> id != null);
            all.add(marker);
            withMarkers.put(conversation, all);
        });
        return withMarkers;
    }

    private static void assertExactlyOneReplyEach(MessageClient client, LoadTenant tenant,
            Map<String, List<String>> sent) {
        ReplyAudit.Findings findings = new ReplyAudit(client).check(tenant, sent);
        System.out.printf("noisy-neighbour: tenant %s: %d messages, %d replies in %d conversations%n", tenant,
                sent.values().stream().mapToInt(List::size).sum(), findings.replies(), sent.size());
        assertThat(findings.unanswered()).as(tenant + " unanswered").isEmpty();
        assertThat(findings.answeredMoreThanOnce()).as(tenant + " answered more than once").isEmpty();
        assertThat(findings.unexpectedMessages()).as(tenant + " messages it did not send").isEmpty();
        assertThat(findings.strayReplies()).as(tenant + " replies to messages it did not send").isEmpty();
    }

    private static void print(QuietLoad.Phase warmUp, QuietLoad.Phase alone, QuietLoad.Phase underLoad,
            NoisyLoad.Result a, double ratio) {
        System.out.printf("noisy-neighbour: model delay %d ms (both tenants), B %d users; load average %.1f on %d"
                + " cores%n", MODEL_DELAY.toMillis(), B_USERS,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("noisy-neighbour: B warm-up (discarded): %s%n", warmUp.latencies());
        System.out.printf("noisy-neighbour: B alone:               %s%n", alone.latencies());
        System.out.printf("noisy-neighbour: B under A's load:      %s%n", underLoad.latencies());
        System.out.printf("noisy-neighbour: A sent %d in %.1f s (%.0f/min, limit %d/min): %d accepted, %d refused"
                + " (429), other %s%n", a.sent(), a.seconds(), a.perMinute(), A_LIMIT_PER_MINUTE, a.accepted(),
                a.refused(), a.otherStatuses());
        System.out.printf("noisy-neighbour: B p99 under load / alone = %.0f / %.0f ms = %.3f (max %.2f)%n",
                underLoad.latencies().p99(), alone.latencies().p99(), ratio, MAX_RATIO);
    }
}
