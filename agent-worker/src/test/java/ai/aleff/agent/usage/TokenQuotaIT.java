package ai.aleff.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.QuotaExhausted;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.ExportedMetrics;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * Token quotas per day and month: once a tenant's calls have used its quota, its next turns call no model; the user
 * is told why, the tenant gets one audit record and one QuotaExhausted event per period, other tenants go on.
 */
@QuarkusTest
@TestProfile(QuotaProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class TokenQuotaIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void aTenantOverItsDailyQuotaGetsNoModelCallAClearReplyAndOneAuditRecordAndEvent() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe quota = EventProbe.open(kafka, Topics.QUOTA);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant with a daily quota of 1,000 tokens (each call uses 700) and a tenant without quotas
            String limited = register(new TenantLimits(null, null, null, null, 1000L, null));
            String unlimited = register(TenantLimits.platformDefaults());
            String conversation = "conv-" + UUID.randomUUID();

            // When the limited tenant's users send two messages: both are answered by the model (700, then 1,400)
            String first = send(limited, conversation, "quota first " + UUID.randomUUID());
            String second = send(limited, conversation, "quota second " + UUID.randomUUID());
            assertThat(awaitReply(replies, first).text()).isEqualTo(QuotaEmulatorResource.ANSWER);
            assertThat(awaitReply(replies, second).text()).isEqualTo(QuotaEmulatorResource.ANSWER);

            // And two more, now that 1,400 of its 1,000 tokens are used
            String thirdText = "quota third " + UUID.randomUUID();
            String fourthText = "quota fourth " + UUID.randomUUID();
            String third = send(limited, conversation, thirdText);
            String fourth = send(limited, conversation, fourthText);

            // Then each is answered without a model: the user is told the quota is spent and when it comes back
            String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .toString();
            for (String refused : List.of(third, fourth)) {
                ReplyReady reply = awaitReply(replies, refused);
                assertThat(reply.model()).isEqualTo("none");
                assertThat(reply.text()).contains("used all the model capacity", "today", tomorrow);
            }
            assertThat(QuotaEmulatorResource.emulator.received(thirdText)).isZero();
            assertThat(QuotaEmulatorResource.emulator.received(fourthText)).isZero();

            // And the tenant's audit trail says why each turn failed, with the quota's own record once: the fourth
            // turn's turn.failed is the marker (one conversation, one partition: a second quota record would precede it)
            audit.awaitOne(AuditRecord.class, a -> a.tenantId().equals(limited) && a.action().equals("turn.failed")
                    && a.subjectId().equals(fourth));
            List<CloudEvent<AuditRecord>> exhausted = audit.distinct(AuditRecord.class,
                    a -> a.tenantId().equals(limited) && a.action().equals("quota.exhausted"));
            assertThat(exhausted).hasSize(1);
            assertThat(exhausted.get(0).data().detail()).contains("quota=tokens-per-day", "limit=1000",
                    "used=1400", "resets_at=" + tomorrow);
            assertThat(audit.distinct(AuditRecord.class, a -> a.tenantId().equals(limited)
                    && a.action().equals("turn.failed") && a.subjectId().equals(third)).get(0).data().detail())
                    .isEqualTo("cause=token quota spent (tokens-per-day)");

            // And one QuotaExhausted event, naming the period, the figures and the first refused turn
            QuotaExhausted event = quota.awaitOne(QuotaExhausted.class, q -> q.tenantId().equals(limited)).data();
            assertThat(event.quota()).isEqualTo("tokens-per-day");
            assertThat(event.limit()).isEqualTo(1000);
            assertThat(event.used()).isEqualTo(1400);
            assertThat(event.turnId()).isEqualTo(third);
            assertThat(event.resetsAt()).isEqualTo(Instant.parse(tomorrow));
            assertThat(quota.distinct(QuotaExhausted.class, q -> q.tenantId().equals(limited))).hasSize(1);
            System.out.printf("token quota: %s of %d tokens a day used after 2 answered messages; messages 3 and 4 "
                    + "refused without a model call (model calls for them: %d); resets at %s%n", event.used(),
                    event.limit(), QuotaEmulatorResource.emulator.received(thirdText)
                            + QuotaEmulatorResource.emulator.received(fourthText),
                    event.resetsAt());

            // And another tenant's message is still answered by the model
            String other = send(unlimited, "conv-" + UUID.randomUUID(), "other tenant " + UUID.randomUUID());
            assertThat(awaitReply(replies, other).text()).isEqualTo(QuotaEmulatorResource.ANSWER);
        }
    }

    @Test
    void metricsShowTurnsModelCallsTokensAndQuotaRefusals() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant whose monthly quota one call spends
            String tenant = register(new TenantLimits(null, null, null, null, null, 500L));
            String conversation = "conv-" + UUID.randomUUID();

            // When one message is answered by the model and the next is refused for the quota
            awaitReply(replies, send(tenant, conversation, "metrics first " + UUID.randomUUID()));
            awaitReply(replies, send(tenant, conversation, "metrics second " + UUID.randomUUID()));

            // Then /q/metrics exports every series agent-worker's committed list names (the dashboards use them)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ExportedMetrics.scrape(baseUrl))
                    .containsAll(ExportedMetrics.expected("agent-worker")));
        }
    }

    @Test
    void aTenantOverItsMonthlyQuotaIsRefusedWithTheMonthsReset() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe quota = EventProbe.open(kafka, Topics.QUOTA)) {
            // Given a tenant with a monthly quota below one call's tokens
            String tenant = register(new TenantLimits(null, null, null, null, null, 500L));
            String conversation = "conv-" + UUID.randomUUID();

            // When it sends a message (answered: the quota was not spent when the call started) and another
            String first = send(tenant, conversation, "month first " + UUID.randomUUID());
            assertThat(awaitReply(replies, first).text()).isEqualTo(QuotaEmulatorResource.ANSWER);
            String secondText = "month second " + UUID.randomUUID();
            String second = send(tenant, conversation, secondText);

            // Then the second is refused until the first day of next month, and no model was asked
            String nextMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            assertThat(awaitReply(replies, second).text()).contains("this month", nextMonth);
            assertThat(QuotaEmulatorResource.emulator.received(secondText)).isZero();
            QuotaExhausted event = quota.awaitOne(QuotaExhausted.class, q -> q.tenantId().equals(tenant)).data();
            assertThat(event.quota()).isEqualTo("tokens-per-month");
            assertThat(event.used()).isEqualTo(QuotaEmulatorResource.TOKENS_PER_CALL);
        }
    }

    private String register(TenantLimits limits) {
        String tenantId = "t-" + UUID.randomUUID();
        Events.publish(kafka, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenantId, null,
                Instant.now(), new TenantConfigurationChanged(tenantId, "Quota tenant",
                        TenantConfigurationChanged.Status.ACTIVE, List.of(), 1, Instant.now(),
                        AssistantConfiguration.platformDefaults(), java.util.Map.of(), limits)));
        return tenantId;
    }

    private String send(String tenant, String conversation, String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Events.publish(kafka, CloudEvent.of("channel-ingress", messageId, tenant, conversation, now,
                new MessageReceived(messageId, tenant, conversation, "user-1", "api", null, text, now)));
        return messageId;
    }

    private static ReplyReady awaitReply(EventProbe replies, String messageId) {
        return replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(messageId)).data();
    }
}
