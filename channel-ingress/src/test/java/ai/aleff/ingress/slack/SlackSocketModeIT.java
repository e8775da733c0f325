package ai.aleff.ingress.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.TestConnections;
import ai.aleff.ingress.TestTenants;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.lease.LeaseState;
import ai.aleff.platform.lease.Leases;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.SlackSocketModeServer;
import ai.aleff.testkit.channels.SlackWebApi;

/**
 * Slack Socket Mode against the emulated Web API ({@code apps.connections.open}) and WebSocket, a real broker and a
 * real PostgreSQL: events over the socket exactly once into Kafka, each envelope acknowledged only after the intake
 * completed, redeliveries dropped by the durable dedupe, reconnects after {@code disconnect} and after an abrupt drop
 * without loss, one socket per app across lease contenders, and a refused app token reported once without a retry
 * loop. A second instance is a second {@link SlackSocketMode} in this JVM with its own holder id (two Quarkus apps
 * would double the test's cost), as in TelegramPollingIT.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = SlackSocketModeEmulator.class, restrictToAnnotatedClass = true)
class SlackSocketModeIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    SlackSocketMode socketMode;

    @Inject
    ChannelConnections connections;

    @Inject
    SlackEventIntake intake;

    @Inject
    SlackConnectionsOpen api;

    @Inject
    Leases leases;

    @Inject
    SlackSocketSettings settings;

    @Inject
    SlackSocketReports reports;

    @Inject
    ObjectMapper json;

    private final SlackSocketModeServer slack = SlackSocketModeEmulator.sockets();
    private final SlackWebApi web = SlackSocketModeEmulator.web();

    @Test
    void aDirectMessageIsAcknowledgedOnlyAfterItsIntakeCompletedAndDoesNotHoldBackTheAcknowledgementsOfLaterOnes() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given an instance whose intake holds back the completion of the "held" message after it is on Kafka
            CompletableFuture<Void> release = new CompletableFuture<>();
            SlackSocket.Intake gated = (connection, callback) -> {
                Uni<?> accepted = intake.accept(connection, callback);
                return callback.path("event").path("text").asText().equals("held")
                        ? accepted.chain(() -> Uni.createFrom().completionStage(release))
                        : accepted;
            };
            socketMode.stop();
            SlackSocketMode gatedInstance = instance("instance-gated", gated);
            try {
                gatedInstance.start();
                App app = connect();
                awaitConnected(app, 1);

                // When a direct message arrives over the socket and is on Kafka, its intake not yet completed, and
                // a message in the same chat and one in another chat follow it
                String envelope = slack.pushEvent(app.appToken, app.directMessage("held"));
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)
                        && m.text().equals("held"));
                String sameChat = slack.pushEvent(app.appToken, app.directMessage("same chat after held"));
                String marker = slack.pushEvent(app.appToken, app.directMessageIn("D0DIRECT2", "other chat"));

                // Then the other chat's message is acknowledged while the held one is not yet: its intake completed
                // first; the same chat's waits behind the held one, so the chat's order is kept
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, marker).size() == 1);
                assertThat(slack.acks(app.appToken, envelope)).isEmpty();
                assertThat(slack.acks(app.appToken, sameChat)).isEmpty();

                // And once the held intake completes, it is acknowledged on its socket too, then the same chat's
                release.complete(null);
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, sameChat).size() == 1);
                assertThat(slack.acks(app.appToken)).extracting(SlackSocketModeServer.Ack::envelopeId)
                        .containsExactlyInAnyOrder(marker, envelope, sameChat)
                        .startsWith(marker);
                List<CloudEvent<MessageReceived>> events = inbound.await(MessageReceived.class,
                        m -> m.tenantId().equals(app.tenantId), 3);
                assertThat(events).extracting(e -> e.data().text())
                        .containsExactly("held", "other chat", "same chat after held");
                assertThat(events.getFirst().data().channel()).isEqualTo("slack");
                assertThat(events.getFirst().data().userId()).isEqualTo("sl:U0USER1");
                assertThat(events.getFirst().data().conversationId())
                        .isEqualTo("sl:" + app.connectionId + ":D0DIRECT1");
            } finally {
                release.complete(null);
                gatedInstance.stop();
                socketMode.start();
            }
        }
    }

    @Test
    void aBurstIsHandedToTheIntakeAtMostIntakeConcurrencyAtOnceAndEveryEnvelopeIsAcknowledgedAndPublishedOnce() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given an instance whose intakes all wait for a release after the message is on Kafka, counting how
            // many are in flight
            CompletableFuture<Void> release = new CompletableFuture<>();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            SlackSocket.Intake counted = (connection, callback) -> {
                started.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return intake.accept(connection, callback)
                        .chain(() -> Uni.createFrom().completionStage(release))
                        .eventually(inFlight::decrementAndGet);
            };
            int slots = settings.intakeConcurrency();
            int burst = slots * 2 + 8;
            socketMode.stop();
            SlackSocketMode countedInstance = instance("instance-counted", counted);
            try {
                countedInstance.start();
                App app = connect();
                awaitConnected(app, 1);

                // When a burst of more envelopes (each in a chat of its own) than there are intake slots arrives
                // at once
                List<String> envelopes = IntStream.range(0, burst)
                        .mapToObj(i -> slack.pushEvent(app.appToken, app.directMessageIn("D0BURST" + i, "burst " + i)))
                        .toList();

                // Then the intake slots fill, and no further envelope is taken while they are all busy; none is
                // acknowledged before its intake completed
                await().atMost(WAIT).until(() -> inFlight.get() == slots);
                await().during(settings.registryInterval().multipliedBy(2)).atMost(WAIT)
                        .until(() -> started.get() == slots);
                assertThat(slack.acks(app.appToken)).isEmpty();

                // And once the intakes complete, every envelope is acknowledged once and published once
                release.complete(null);
                await().atMost(WAIT).until(() -> slack.acks(app.appToken).size() == burst);
                assertThat(slack.acks(app.appToken)).extracting(SlackSocketModeServer.Ack::envelopeId)
                        .containsExactlyInAnyOrderElementsOf(envelopes);
                List<CloudEvent<MessageReceived>> events = inbound.await(MessageReceived.class,
                        m -> m.tenantId().equals(app.tenantId), burst);
                assertThat(events).extracting(e -> e.data().text()).containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, burst).mapToObj(i -> "burst " + i).toList());
                assertThat(started.get()).isEqualTo(burst);
                assertThat(mostInFlight.get()).isEqualTo(slots);
            } finally {
                release.complete(null);
                countedInstance.stop();
                socketMode.start();
            }
        }
    }

    @Test
    void anEventWhoseIntakeFailedIsNotAcknowledgedAndArrivesOnceWhenSlackDeliversItAgain() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given an instance whose intake fails the first time it sees "refused once" (as when Kafka is down)
            AtomicBoolean failed = new AtomicBoolean();
            SlackSocket.Intake failingOnce = (connection, callback) -> callback.path("event").path("text").asText()
                    .equals("refused once") && failed.compareAndSet(false, true)
                            ? Uni.createFrom().failure(new IllegalStateException("Kafka did not acknowledge"))
                            : intake.accept(connection, callback);
            socketMode.stop();
            SlackSocketMode failingInstance = instance("instance-failing", failingOnce);
            try {
                failingInstance.start();
                App app = connect();
                awaitConnected(app, 1);

                // When the event arrives and its intake fails, and a later event goes through
                String callback = app.directMessage("refused once");
                String envelope = slack.pushEvent(app.appToken, callback);
                String marker = slack.pushEvent(app.appToken, app.directMessage("marker"));
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, marker).size() == 1);

                // Then the failed one was not acknowledged (the later one was)
                assertThat(failed).isTrue();
                assertThat(slack.acks(app.appToken, envelope)).isEmpty();

                // And when Slack delivers it again, it is published once and acknowledged
                slack.redeliver(app.appToken, envelope, callback, 1);
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, envelope).size() == 1);
                assertThat(inbound.await(MessageReceived.class, m -> m.tenantId().equals(app.tenantId), 2))
                        .extracting(e -> e.data().text()).containsExactly("marker", "refused once");
            } finally {
                failingInstance.stop();
                socketMode.start();
            }
        }
    }

    @Test
    void aMentionRedeliveredWithTheSameEventIdIsAcknowledgedAgainButPublishedOnce() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a Socket Mode app connected through this instance
            App app = connect();
            awaitConnected(app, 1);

            // When a channel mention arrives and Slack delivers the same envelope again (same event_id), twice
            String mention = app.mention("<@UBOT0001> only once please");
            String envelope = slack.pushEvent(app.appToken, mention);
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, envelope).size() == 1);
            slack.redeliver(app.appToken, envelope, mention, 1);
            slack.redeliver(app.appToken, envelope, mention, 2);
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, envelope).size() == 3);
            String marker = slack.pushEvent(app.appToken, app.mention("<@UBOT0001> marker"));

            // Then the mention is published once (counted once the marker is there), in the thread it starts
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)
                    && m.text().equals("marker"));
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)))
                    .extracting(e -> e.data().text()).containsExactly("only once please", "marker");
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, marker).size() == 1);
        }
    }

    @Test
    void aDisconnectOpensTheNewSocketBeforeTheOldOneClosesAndLaterEventsArrive() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected app that has delivered one event
            App app = connect();
            awaitConnected(app, 1);
            String before = slack.pushEvent(app.appToken, app.directMessage("before the refresh"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, before).size() == 1);

            // When Slack asks for a new connection (refresh_requested)
            slack.disconnect(app.appToken, "refresh_requested");

            // Then a second socket is opened while the first is still open, and then the first is closed by us
            await().atMost(WAIT).until(() -> slack.socketsOpened(app.appToken) == 2
                    && slack.openSockets(app.appToken) == 1);
            assertThat(slack.maxOpenAtOnce(app.appToken)).isEqualTo(2);
            assertThat(web.connectionsOpens(app.appToken)).isEqualTo(2);

            // And an event pushed after the reconnect arrives and is acknowledged on the new socket
            String after = slack.pushEvent(app.appToken, app.directMessage("after the refresh"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, after).size() == 1);
            assertThat(slack.acks(app.appToken, after).getFirst().socket()).isEqualTo(2);
            List<CloudEvent<MessageReceived>> events = inbound.await(MessageReceived.class,
                    m -> m.tenantId().equals(app.tenantId), 2);
            assertThat(events).extracting(e -> e.data().text()).containsExactly("before the refresh",
                    "after the refresh");
            assertThat(reports.state(app.connectionId)).isEqualTo(SlackSocketReports.State.CONNECTED);
        }
    }

    @Test
    void whileTheReplacementCannotBeOpenedTheSocketThatAskedToBeReplacedKeepsDelivering() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected app, and Slack failing its next three apps.connections.open calls (internal_error)
            App app = connect();
            awaitConnected(app, 1);
            slack.failNextOpens(app.appToken, 3);

            // When Slack asks for a new connection and an event arrives on the old one while the new one fails
            slack.disconnect(app.appToken, "warning");
            await().atMost(WAIT).until(() -> web.connectionsOpens(app.appToken) >= 2);
            String meanwhile = slack.pushEvent(app.appToken, app.directMessage("while reconnecting"));

            // Then it is handled and acknowledged on the old socket, the failures are retried (not a refusal)
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, meanwhile).size() == 1);
            assertThat(slack.acks(app.appToken, meanwhile).getFirst().socket()).isEqualTo(1);
            assertThat(reports.state(app.connectionId)).isNotEqualTo(SlackSocketReports.State.UNAUTHORIZED);

            // And after the failures the new socket opens, the old one is closed, and events arrive on the new one
            await().atMost(WAIT).until(() -> slack.socketsOpened(app.appToken) == 2
                    && slack.openSockets(app.appToken) == 1);
            assertThat(web.connectionsOpens(app.appToken)).isEqualTo(5);
            String after = slack.pushEvent(app.appToken, app.directMessage("on the new socket"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, after).size() == 1);
            assertThat(slack.acks(app.appToken, after).getFirst().socket()).isEqualTo(2);
            assertThat(inbound.await(MessageReceived.class, m -> m.tenantId().equals(app.tenantId), 2))
                    .extracting(e -> e.data().text()).containsExactly("while reconnecting", "on the new socket");
        }
    }

    @Test
    void anAbruptDropIsFollowedByAReconnectAfterABackoffAndNoEventIsLostOrDoubled() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected app that has delivered one event
            App app = connect();
            awaitConnected(app, 1);
            String first = slack.pushEvent(app.appToken, app.directMessage("before the drop"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, first).size() == 1);

            // When the connection drops without a close frame, right after an event was sent on it
            String inFlight = app.directMessage("sent as the link dropped");
            String inFlightEnvelope = slack.pushEvent(app.appToken, inFlight);
            slack.drop(app.appToken);

            // Then a new socket is opened, not at once but after a backoff
            await().atMost(WAIT).until(() -> slack.openSockets(app.appToken) == 1
                    && slack.socketsOpened(app.appToken) == 2);
            Instant dropped = slack.closes(app.appToken).getFirst();
            Instant reopened = slack.tickets(app.appToken).get(1);
            assertThat(Duration.between(dropped, reopened))
                    .isGreaterThanOrEqualTo(settings.errorBackoff().dividedBy(2).minusMillis(50));

            // And Slack's redelivery of an envelope that got no acknowledgement, plus a new event, each arrive once
            if (slack.acks(app.appToken, inFlightEnvelope).isEmpty()) {
                slack.redeliver(app.appToken, inFlightEnvelope, inFlight, 1);
            }
            String after = slack.pushEvent(app.appToken, app.directMessage("after the drop"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, after).size() == 1
                    && !slack.acks(app.appToken, inFlightEnvelope).isEmpty());
            List<CloudEvent<MessageReceived>> events = inbound.await(MessageReceived.class,
                    m -> m.tenantId().equals(app.tenantId), 3);
            assertThat(events).extracting(e -> e.data().text()).containsExactlyInAnyOrder("before the drop",
                    "sent as the link dropped", "after the drop");
            assertThat(slack.maxOpenAtOnce(app.appToken)).isEqualTo(1);
        }
    }

    @Test
    void aSocketThatNeverSaysHelloIsReplacedAfterTheHelloTimeoutNotKeptAsConnected() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given an app whose sockets open but get no hello (up, but serving nothing)
            App app = new App("xapp-1-A0EMULATOR-" + UUID.randomUUID());
            slack.withholdHello(app.appToken, true);
            app.register();

            // When the hello timeout passes
            await().atMost(WAIT).until(() -> slack.socketsOpened(app.appToken) >= 2);

            // Then the silent socket was given up (not reported connected) and a new one opened after it closed
            assertThat(reports.state(app.connectionId)).isNotEqualTo(SlackSocketReports.State.CONNECTED);
            Instant firstClosed = slack.closes(app.appToken).getFirst();
            assertThat(Duration.between(slack.tickets(app.appToken).getFirst(), firstClosed))
                    .isGreaterThanOrEqualTo(settings.helloTimeout());
            assertThat(slack.tickets(app.appToken).get(1)).isAfter(firstClosed);

            // And once Slack serves the link again, the next socket connects and events arrive
            slack.withholdHello(app.appToken, false);
            awaitConnected(app, 1);
            String envelope = slack.pushEvent(app.appToken, app.directMessage("after the silent link"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, envelope).size() == 1);
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)
                    && m.text().equals("after the silent link"));
        }
    }

    @Test
    void onlyTheLeaseHolderOpensASocketAndTheLeaseMovesWhenItDies() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given two contending instances (this app's Socket Mode paused for the test) and one Socket Mode app
            socketMode.stop();
            SlackSocketMode b1 = instance("instance-b1", intake::accept);
            SlackSocketMode b2 = instance("instance-b2", intake::accept);
            try {
                b1.start();
                b2.start();
                App app = connect();
                LeaseState first = await().atMost(WAIT).until(() -> lease(app), s -> s.isPresent()
                        && s.get().held()).orElseThrow();
                awaitConnected(app, 1);

                // When events arrive while both instances keep trying to take the lease
                for (int i = 0; i < 3; i++) {
                    slack.pushEvent(app.appToken, app.directMessage("shared " + i));
                }
                String marker = slack.pushEvent(app.appToken, app.directMessage("marker"));
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, marker).size() == 1);

                // Then only one socket was ever opened (and stays the only one over several acquire intervals of the
                // other instance), by one apps.connections.open, and every event arrived once
                await().during(settings.acquireInterval().multipliedBy(4)).atMost(WAIT)
                        .until(() -> slack.socketsOpened(app.appToken) == 1);
                assertThat(web.connectionsOpens(app.appToken)).isOne();
                assertThat(slack.maxOpenAtOnce(app.appToken)).isOne();
                assertThat(inbound.await(MessageReceived.class, m -> m.tenantId().equals(app.tenantId), 4))
                        .extracting(e -> e.data().text())
                        .containsExactly("shared 0", "shared 1", "shared 2", "marker");

                // And when the holder dies without releasing the lease, the other one takes it and connects
                SlackSocketMode holder = first.holder().equals(b1.holder()) ? b1 : b2;
                SlackSocketMode survivor = holder == b1 ? b2 : b1;
                holder.crash();
                LeaseState next = await().atMost(WAIT).until(() -> lease(app), s -> s.isPresent()
                        && s.get().holder().equals(survivor.holder())).orElseThrow();
                assertThat(next.epoch()).isGreaterThan(first.epoch());
                await().atMost(WAIT).until(() -> slack.socketsOpened(app.appToken) == 2
                        && slack.openSockets(app.appToken) == 1);
                String afterFailover = slack.pushEvent(app.appToken, app.directMessage("after failover"));
                await().atMost(WAIT).until(() -> slack.acks(app.appToken, afterFailover).size() == 1);
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)
                        && m.text().equals("after failover"));
                assertThat(slack.maxOpenAtOnce(app.appToken)).isOne();
            } finally {
                b1.stop();
                b2.stop();
                socketMode.start();
            }
        }
    }

    @Test
    void aLostLeaseClosesTheSocketAtOnceAndTheNextHolderConnectsAfresh() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected app whose lease this instance holds
            App app = connect();
            awaitConnected(app, 1);
            LeaseState first = await().atMost(WAIT).until(() -> lease(app), s -> s.isPresent() && s.get().held())
                    .orElseThrow();

            // When the lease is taken away (its row removed: the next renewal finds nothing)
            leases.delete(SlackSocket.leaseName(app.connectionId)).await().atMost(WAIT);

            // Then the socket is closed, and the lease taken again (the row starts over) opens a new socket
            await().atMost(WAIT).until(() -> slack.closes(app.appToken).size() == 1);
            await().atMost(WAIT).until(() -> slack.socketsOpened(app.appToken) == 2
                    && slack.openSockets(app.appToken) == 1);
            assertThat(lease(app)).hasValueSatisfying(s -> assertThat(s.holder()).isEqualTo(first.holder()));
            assertThat(slack.maxOpenAtOnce(app.appToken)).isOne();
            String envelope = slack.pushEvent(app.appToken, app.directMessage("after the lease came back"));
            await().atMost(WAIT).until(() -> slack.acks(app.appToken, envelope).size() == 1);
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(app.tenantId)
                    && m.text().equals("after the lease came back"));
        }
    }

    @Test
    void aRefusedAppTokenIsReportedOnceAndNotRetriedInALoop() {
        try (EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // Given a Socket Mode app whose app token Slack no longer accepts
            App app = new App("xapp-revoked-" + UUID.randomUUID());
            app.register();

            // When the holder tries to open its socket
            await().atMost(WAIT).until(() -> reports.state(app.connectionId) == SlackSocketReports.State.UNAUTHORIZED);

            // Then it is audited once, the loop ends and releases the lease, and no further call follows
            audit.awaitOne(AuditRecord.class, r -> r.tenantId().equals(app.tenantId)
                    && r.action().equals("channel.socket-unauthorized") && r.subjectId().equals(app.connectionId));
            await().atMost(WAIT).until(() -> lease(app).map(s -> !s.held()).orElse(false));
            // (over several registry intervals: a changed connection would get a new loop, an unchanged one must not)
            await().during(settings.registryInterval().multipliedBy(4)).atMost(WAIT)
                    .until(() -> web.connectionsOpens(app.appToken) == 1);
            assertThat(slack.socketsOpened(app.appToken)).isZero();
            assertThat(audit.events(AuditRecord.class, r -> r.subjectId().equals(app.connectionId))).hasSize(1);
        }
    }

    private SlackSocketMode instance(String holder, SlackSocket.Intake with) {
        return new SlackSocketMode(connections, with, api, leases, settings, reports, json,
                holder + "-" + UUID.randomUUID());
    }

    private Optional<LeaseState> lease(App app) {
        return leases.current(SlackSocket.leaseName(app.connectionId)).await().atMost(WAIT);
    }

    private void awaitConnected(App app, int sockets) {
        await().atMost(WAIT).until(() -> slack.openSockets(app.appToken) == sockets
                && reports.state(app.connectionId) == SlackSocketReports.State.CONNECTED);
    }

    private App connect() {
        App app = new App("xapp-1-A0EMULATOR-" + UUID.randomUUID());
        app.register();
        return app;
    }

    /** A tenant's Socket Mode app and its connection, as tenant-service publishes it. */
    private final class App {
        final String tenantId = TestTenants.register(bootstrap).tenantId();
        final String connectionId = TestConnections.newConnectionId();
        final String appToken;
        private int events;

        App(String appToken) {
            this.appToken = appToken;
        }

        void register() {
            ChannelConnectionChanged changed = TestConnections.record(tenantId, connectionId, Type.SLACK,
                    Mode.SOCKET_MODE, Status.ACTIVE, Settings.defaults(), new Account("UBOT0001", "BBOT0001"),
                    Map.of(ChannelConnectionChanged.BOT_TOKEN, "xoxb-test-token",
                            ChannelConnectionChanged.SIGNING_SECRET, "8f742231b10e8888abcd99aaabbb85a5",
                            ChannelConnectionChanged.APP_TOKEN, appToken),
                    1);
            TestConnections.publishAndAwait(bootstrap, connections, changed);
        }

        /** A direct message to the bot, as an event_callback with a new event_id. */
        String directMessage(String text) {
            return callback("message", "D0DIRECT1", "im", text);
        }

        /** A direct message to the bot in another chat ({@code D...}), as an event_callback with a new event_id. */
        String directMessageIn(String channel, String text) {
            return callback("message", channel, "im", text);
        }

        /** A mention in a channel, as an event_callback with a new event_id. */
        String mention(String text) {
            return callback("app_mention", "C0CHANNEL1", "channel", text);
        }

        private String callback(String type, String channel, String channelType, String text) {
            events++;
            String eventId = "Ev" + connectionId.replaceAll("[^A-Za-z0-9]", "") + events;
            String ts = "17000000" + String.format("%02d", events) + ".000100";
            return """
                    {"type":"event_callback","team_id":"T123ABC456","api_app_id":"A0EMULATOR","event":{"type":"%s",
                    "channel":"%s","channel_type":"%s","user":"U0USER1","text":"%s","ts":"%s","event_ts":"%s"},
                    "event_id":"%s","event_time":1700000000}""".formatted(type, channel, channelType, text, ts, ts,
                    eventId);
        }
    }
}
