package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.GroupBehaviour;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.delivery.MessageSplitter;
import ai.aleff.ingress.delivery.SendRecords;
import ai.aleff.ingress.delivery.TelegramHtmlChecks;
import ai.aleff.ingress.telegram.TelegramMarkdown;
import ai.aleff.ingress.whatsapp.WhatsAppSignatureVerifier;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.TranscriptionApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/**
 * Replies reach Telegram and WhatsApp as the platforms document, counted at the emulated platforms: once per part,
 * paced, retried as told, dead-lettered when retries run out, refused outside WhatsApp's window, and a part left
 * SENDING by a dead sender is never sent again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = DeliveryEmulators.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VoiceEmulators.class, restrictToAnnotatedClass = true)
class ChannelDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong UPDATE_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40));
    private static final String PHONE_NUMBER_ID = "106540352242922";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ChannelConnections connections;

    @Inject
    Pool pool;

    @Inject
    SendRecords sendRecords;

    @Inject
    TenantDirectory tenants;

    @Test
    void aSlackMentionIsAnsweredInItsThreadInMrkdwnOnceAndA429IsWaitedFor() {
        // Given a Slack Events API connection and a mention in a channel whose first post Slack rate-limits
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = TestConnections.newConnectionId();
        String secret = "0123456789abcdef0123456789abcdef";
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.SLACK, Status.ACTIVE, Settings.defaults(), new Account("UBOT0001", "BBOT0001"),
                Map.of(ChannelConnectionChanged.BOT_TOKEN, "xoxb-1-2-" + connectionId,
                        ChannelConnectionChanged.SIGNING_SECRET, secret),
                1));
        String channel = "C" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toUpperCase(java.util.Locale.ROOT);
        DeliveryEmulators.slack.rateLimitedOnce(channel, 1);
        String event = """
                {"type":"event_callback","team_id":"T0TEAM001","event":{"type":"app_mention","channel":"%s",
                "channel_type":"channel","user":"U0ADA","text":"<@UBOT0001> summarise","ts":"1700000000.000200"},
                "event_id":"Ev%s","event_time":1700000000}""".formatted(channel, channel);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        MessageReceived m;
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            given().header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", ai.aleff.ingress.slack.SlackSignatureVerifier.sign(secret, timestamp,
                            event.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .contentType("application/json").body(event).post("/v1/channels/slack/{id}", connectionId)
                    .then().statusCode(200);
            m = inbound.awaitOne(MessageReceived.class, x -> x.tenantId().equals(tenant.tenantId())).data();
        }
        assertThat(m.text()).isEqualTo("summarise");

        // When the assistant's Markdown reply is published, and redelivered
        CloudEvent<ReplyReady> reply = reply(m, UUID.randomUUID().toString(),
                "**Done**: see [the report](https://example.com/r?a=1&b=2) <!channel>");
        Events.publish(bootstrap, reply);
        await().atMost(WAIT).until(() -> DeliveryEmulators.slack.posts(channel).size() == 2);
        Events.publish(bootstrap, reply, reply(m, UUID.randomUUID().toString(), "marker"));
        await().atMost(WAIT).until(() -> DeliveryEmulators.slack.posts(channel).stream()
                .anyMatch(c -> c.text().equals("marker")));

        // Then after the 429 and its Retry-After it was posted once, in mrkdwn, in the mention's thread, with the bot
        // token; the redelivery posted nothing more
        List<SlackWebApi.Call> posts = DeliveryEmulators.slack.posts(channel);
        assertThat(posts).extracting(SlackWebApi.Call::text).containsExactly(
                "*Done*: see <https://example.com/r?a=1&amp;b=2|the report> &lt;!channel&gt;",
                "*Done*: see <https://example.com/r?a=1&amp;b=2|the report> &lt;!channel&gt;", "marker");
        assertThat(posts).allSatisfy(c -> {
            assertThat(c.threadTs()).isEqualTo("1700000000.000200");
            assertThat(c.authorization()).isEqualTo("Bearer xoxb-1-2-" + connectionId);
        });
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(900));
    }

    @Test
    void aLongHostileReplyIsSplitEscapedThreadedPacedAndSentOnceEvenWhenRedelivered() {
        // Given a Telegram user's message and a reply of about 12000 characters with hostile markup
        Bot bot = telegramBot();
        String chat = newChat();
        MessageReceived m = message(bot, chat, "tell me everything");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 12_000; i++) {
            text.append("Paragraph ").append(i).append(": <script>alert(1)</script> **bold & <b>** `x<y` ")
                    .append("[bad](javascript:alert(1)) and more words to fill the line.\n\n");
        }
        List<String> expected = MessageSplitter.splitHtml(TelegramMarkdown.toHtml(text.toString()), 4096);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        CloudEvent<ReplyReady> reply = reply(m, UUID.randomUUID().toString(), text.toString());

        // When it is published, then redelivered, then a short reply follows in the same conversation
        Events.publish(bootstrap, reply);
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == expected.size());
        Events.publish(bootstrap, reply, reply(m, UUID.randomUUID().toString(), "marker"));

        // Then the marker arrives after it, and the long reply's parts were each sent exactly once, in order
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).stream()
                .anyMatch(c -> c.text().equals("marker")));
        List<TelegramSendApi.Call> sends = DeliveryEmulators.telegram.sends(chat);
        assertThat(sends).extracting(TelegramSendApi.Call::text)
                .containsExactlyElementsOf(concat(expected, "marker"));
        for (TelegramSendApi.Call call : sends) {
            assertThat(call.parseMode()).isEqualTo("HTML");
            TelegramHtmlChecks.assertValid(call.text());
            assertThat(TelegramHtmlChecks.visible(call.text()).length()).isLessThanOrEqualTo(4096);
            assertThat(call.text()).doesNotContain("<script", "javascript:");
            assertThat(call.token()).isEqualTo(bot.token());
        }
        // And the first part quotes the user's message, the others do not
        assertThat(sends.get(0).body().path("reply_parameters").path("message_id").asText())
                .isEqualTo(bot.platformMessageId(m));
        assertThat(sends.get(1).body().has("reply_parameters")).isFalse();
        // And messages to one chat are at least the per-chat second apart
        for (int i = 1; i < sends.size(); i++) {
            assertThat(Duration.between(sends.get(i - 1).at(), sends.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
    }

    @Test
    void retryAfterIsWaitedForAndUnparseableHtmlIsResentAsPlainText() {
        // Given a chat Telegram rate-limits once for 2 s, and a chat whose HTML Telegram cannot parse
        Bot bot = telegramBot();
        String limited = newChat();
        String unparsed = newChat();
        MessageReceived first = message(bot, limited, "hi");
        MessageReceived second = message(bot, unparsed, "hi");
        DeliveryEmulators.telegram.tooManyRequestsOnce(limited, 2);
        DeliveryEmulators.telegram.refuseEntities(unparsed);

        // When a reply goes to each
        Events.publish(bootstrap, reply(first, UUID.randomUUID().toString(), "after the wait"),
                reply(second, UUID.randomUUID().toString(), "**plain** <b> & co"));

        // Then the limited chat is tried again no sooner than retry_after
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(limited).size() == 2);
        List<TelegramSendApi.Call> limitedSends = DeliveryEmulators.telegram.sends(limited);
        assertThat(Duration.between(limitedSends.get(0).at(), limitedSends.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
        // And the refused HTML is sent once more, as the text Telegram would have shown, without parse_mode
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(unparsed).size() == 2);
        List<TelegramSendApi.Call> unparsedSends = DeliveryEmulators.telegram.sends(unparsed);
        assertThat(unparsedSends.get(0).parseMode()).isEqualTo("HTML");
        assertThat(unparsedSends.get(1).parseMode()).isNull();
        assertThat(unparsedSends.get(1).text()).isEqualTo("plain <b> & co");
    }

    @Test
    void whenRetriesRunOutTheReplyIsDeadLetteredAndAuditedAsFailed() {
        // Given a chat Telegram answers 500 every time
        Bot bot = telegramBot();
        String chat = newChat();
        MessageReceived m = message(bot, chat, "hi");
        DeliveryEmulators.telegram.failAlways(chat, 500);
        String replyId = UUID.randomUUID().toString();
        try (EventProbe deadLetters = EventProbe.open(bootstrap, Topics.DEAD_LETTER);
                EventProbe audits = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When a reply goes to it
            Events.publish(bootstrap, reply(m, replyId, "doomed"));

            // Then it is audited as failed, dead-lettered by delivery's consumer, after max-attempts (3) calls
            audits.awaitOne(AuditRecord.class,
                    a -> a.subjectId().equals(replyId) && a.action().equals("delivery.failed"));
            await().atMost(WAIT).until(() -> deadLetters.records().stream().anyMatch(r -> isDeadLetterOf(r, replyId)));
            assertThat(DeliveryEmulators.telegram.sends(chat)).hasSize(3);
        }
    }

    @Test
    void aPartLeftSendingByADeadSenderIsNotSentAgainAndTheRestFollows() {
        // Given a reply whose first part a sender claimed an hour ago and never settled (killed between send and commit)
        Bot bot = telegramBot();
        String chat = newChat();
        MessageReceived m = message(bot, chat, "hi");
        String replyId = UUID.randomUUID().toString();
        insertParts(m, bot, chat, replyId);
        try (EventProbe audits = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When the reply is delivered again (the redelivery after the crash)
            Events.publish(bootstrap, reply(m, replyId, "first part\n\nsecond part"));

            // Then the abandoned part is audited as unconfirmed, and only the second part reaches Telegram
            audits.awaitOne(AuditRecord.class,
                    a -> a.subjectId().equals(replyId) && a.action().equals("delivery.unconfirmed"));
            await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 1);
            audits.awaitOne(AuditRecord.class,
                    a -> a.subjectId().equals(replyId) && a.action().equals("delivery.sent"));
            assertThat(DeliveryEmulators.telegram.sends(chat)).extracting(TelegramSendApi.Call::text)
                    .containsExactly("second part");
        }
    }

    @Test
    void whatsAppRepliesQuoteTheUserAndNothingIsSentOutsideThe24HourWindow() {
        // Given a WhatsApp connection and a user's signed message
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = TestConnections.newConnectionId();
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.WHATSAPP, Status.ACTIVE, new Settings(GroupBehaviour.MENTIONED, List.of(),
                        List.of(), PHONE_NUMBER_ID),
                new Account(PHONE_NUMBER_ID, null), Map.of(ChannelConnectionChanged.ACCESS_TOKEN, "wa-token",
                        ChannelConnectionChanged.APP_SECRET, "app-secret", ChannelConnectionChanged.VERIFY_TOKEN,
                        "verify"),
                1));
        String user = "1650555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        String wamid = "wamid.IN-" + UUID.randomUUID();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audits = EventProbe.open(bootstrap, Topics.AUDIT)) {
            byte[] raw = whatsAppMessage(user, wamid).getBytes(StandardCharsets.UTF_8);
            given().header("X-Hub-Signature-256", WhatsAppSignatureVerifier.sign("app-secret", raw))
                    .contentType("application/json").body(raw).post("/v1/channels/whatsapp/" + connectionId).then()
                    .statusCode(200);
            MessageReceived m = inbound.awaitOne(MessageReceived.class,
                    r -> r.tenantId().equals(tenant.tenantId()) && r.text().equals("hola")).data();

            // When a reply is published
            Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "**Hi** there"));

            // Then one text message quotes the user's message, in WhatsApp's formatting, with the connection's token
            await().atMost(WAIT).until(() -> DeliveryEmulators.whatsapp.messages(user).size() == 1);
            WhatsAppGraphApi.Call sent = DeliveryEmulators.whatsapp.messages(user).get(0);
            assertThat(sent.phoneNumberId()).isEqualTo(PHONE_NUMBER_ID);
            assertThat(sent.contextMessageId()).isEqualTo(wamid);
            assertThat(sent.text()).isEqualTo("*Hi* there");
            assertThat(sent.authorization()).isEqualTo("Bearer wa-token");

            // When the user last wrote 25 hours ago and another reply comes
            setLastReceived(m, Instant.now().minus(Duration.ofHours(25)));
            String late = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(m, late, "too late"));

            // Then it is refused with a record saying a template is needed, and nothing reaches WhatsApp
            AuditRecord refused = audits.awaitOne(AuditRecord.class,
                    a -> a.subjectId().equals(late) && a.action().equals("delivery.window-closed")).data();
            assertThat(refused.detail()).contains("template");
            setLastReceived(m, Instant.now());
            Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "marker"));
            await().atMost(WAIT).until(() -> DeliveryEmulators.whatsapp.messages(user).size() == 2);
            assertThat(DeliveryEmulators.whatsapp.messages(user)).extracting(WhatsAppGraphApi.Call::text)
                    .containsExactly("*Hi* there", "marker");
        }
    }

    @Test
    void anImageInTheReplyIsSentAsAPhotoBetweenItsTextPartsOnceEvenWhenRedelivered() {
        // Given a Telegram user's message and a reply with text, an https image with a hostile alt text, an http
        // image (stays a link) and more text
        Bot bot = telegramBot();
        String chat = newChat();
        MessageReceived m = message(bot, chat, "show me");
        String text = "Here it is:\n\n![<script>alert(1)</script> & cat](https://img.example/cat.png?a=1&b=2)\n\n"
                + "Also ![old](http://img.example/old.png) for reference.";
        CloudEvent<ReplyReady> reply = reply(m, UUID.randomUUID().toString(), text);

        // When it is published, then redelivered, then a marker reply follows
        Events.publish(bootstrap, reply);
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.messagesAndPhotos(chat).size() == 3);
        Events.publish(bootstrap, reply, reply(m, UUID.randomUUID().toString(), "marker"));
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).stream()
                .anyMatch(c -> c.text().equals("marker")));

        // Then text, photo, text, marker went out once each, in order
        List<TelegramSendApi.Call> calls = DeliveryEmulators.telegram.messagesAndPhotos(chat);
        assertThat(calls).hasSize(4);
        assertThat(calls.get(0).text()).isEqualTo("Here it is:");
        assertThat(calls.get(0).body().path("reply_parameters").path("message_id").asText())
                .isEqualTo(bot.platformMessageId(m));
        // And the photo is the URL with the alt text escaped as its caption, in HTML mode
        TelegramSendApi.Call photo = calls.get(1);
        assertThat(photo.photo()).isEqualTo("https://img.example/cat.png?a=1&b=2");
        assertThat(photo.caption()).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; cat");
        assertThat(photo.parseMode()).isEqualTo("HTML");
        assertThat(photo.token()).isEqualTo(bot.token());
        // And the http image stayed in the text, as a link
        assertThat(calls.get(2).photo()).isNull();
        assertThat(calls.get(2).text()).contains("old").contains("for reference.");
        assertThat(calls.get(3).text()).isEqualTo("marker");
        assertThat(DeliveryEmulators.telegram.photos(chat)).hasSize(1);
    }

    @Test
    void aPhotoTelegramCannotFetchGoesAsALinkAndTheRestOfTheReplyFollows() {
        // Given a chat whose photos Telegram refuses (it cannot fetch the URL)
        Bot bot = telegramBot();
        String chat = newChat();
        DeliveryEmulators.telegram.refusePhotos(chat);
        MessageReceived m = message(bot, chat, "show me");

        // When a reply with an image and text after it is delivered
        Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(),
                "![a <cat>](https://img.example/gone.png)\n\nafter the image"));

        // Then the photo was tried once, then sent as its caption and link, and the text after it followed
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 2);
        assertThat(DeliveryEmulators.telegram.photos(chat)).hasSize(1);
        assertThat(DeliveryEmulators.telegram.sends(chat)).extracting(TelegramSendApi.Call::text).containsExactly(
                "a &lt;cat&gt;\n<a href=\"https://img.example/gone.png\">https://img.example/gone.png</a>",
                "after the image");
    }

    @Test
    void typingIsShownWhileTheReplyIsAwaitedAndStopsOnceItIsSent() {
        // Given a Telegram user's message, and typing repeated every second (the test profile)
        Bot bot = telegramBot();
        String chat = newChat();
        MessageReceived m = message(bot, chat, "are you there?");

        // Then typing is shown, and shown again while no reply is there
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.chatActions(chat).size() >= 2);
        TelegramSendApi.Call typing = DeliveryEmulators.telegram.chatActions(chat).get(0);
        assertThat(typing.body().path("action").asText()).isEqualTo("typing");
        assertThat(typing.token()).isEqualTo(bot.token());

        // When the reply is sent
        Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "yes"));
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 1);
        Instant sentAt = DeliveryEmulators.telegram.sends(chat).get(0).at();

        // Then, by the time another chat's typing was repeated three times, this chat got no more typing (at most the
        // one call that may have been under way while the reply went out)
        awaitTypingTicks(bot, 3);
        assertThat(DeliveryEmulators.telegram.chatActions(chat).stream().filter(c -> c.at().isAfter(sentAt)))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(DeliveryEmulators.telegram.sends(chat)).hasSize(1);
    }

    @Test
    void aRefusedTypingCallIsNotRetriedAndHoldsNoReplyBack() {
        // Given a chat whose sendChatAction Telegram answers 429 with retry_after 60 s
        Bot bot = telegramBot();
        String chat = newChat();
        DeliveryEmulators.telegram.chatActionsTooManyRequests(chat, 60);
        MessageReceived m = message(bot, chat, "hello");
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.chatActions(chat).size() == 1);

        // When the reply comes
        Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "hello back"));

        // Then it is sent at once, not after the typing call's retry_after
        await().atMost(Duration.ofSeconds(20)).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 1);
        // And the refused typing was never tried again (another chat's typing repeated three times meanwhile)
        awaitTypingTicks(bot, 3);
        assertThat(DeliveryEmulators.telegram.chatActions(chat)).hasSize(1);
    }

    @Test
    void aMessageOlderThanTheTypingCapGetsNoTyping() {
        // Given a channel message received two minutes ago, seen by the typing consumer only now (catching up)
        Bot bot = telegramBot();
        String chat = newChat();
        String conversationId = "telegram:" + bot.connectionId() + ":" + chat;
        String messageId = UUID.randomUUID().toString();
        Instant received = Instant.now().minus(Duration.ofMinutes(2));
        RowScope.inTenant(pool, bot.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_message (tenant_id, message_id, conversation_id, connection_id, channel,
                    chat_id, platform_message_id, sender_id, received_at)
                VALUES ($1, $2, $3, $4, 'telegram', $5, '77', $5, $6)""")
                .execute(Tuple.of(bot.tenantId(), messageId, conversationId, bot.connectionId(), chat,
                        received.atOffset(java.time.ZoneOffset.UTC))))
                .await().atMost(WAIT);

        // When its MessageReceived is consumed
        Events.publish(bootstrap, CloudEvent.of("channel-ingress", messageId, bot.tenantId(), conversationId, received,
                new MessageReceived(messageId, bot.tenantId(), conversationId, "tg:" + chat, "telegram", null, "old",
                        received)));

        // Then a newer message's typing repeats three times, and the old one got none
        awaitTypingTicks(bot, 3);
        assertThat(DeliveryEmulators.telegram.chatActions(chat)).isEmpty();
    }

    @Test
    void thePurgeDeletesOldSettledSendRecordsAndPassedRateSlotsOnly() {
        // Given a settled record unchanged for 8 days, a fresh settled one, an open (PENDING) one of 8 days, a rate
        // slot passed 2 hours ago and one still ahead
        String tenant = "purge-" + UUID.randomUUID();
        String old = "r-old-" + UUID.randomUUID();
        String fresh = "r-fresh-" + UUID.randomUUID();
        String open = "r-open-" + UUID.randomUUID();
        RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_delivery (tenant_id, reply_id, part_index, part_count, conversation_id,
                    connection_id, channel, chat_id, body, plain_body, state, updated_at)
                VALUES ($1, $2, 0, 1, 'c', 'conn', 'telegram', '1', 'x', 'x', 'SENT', now() - interval '8 days'),
                       ($1, $3, 0, 1, 'c', 'conn', 'telegram', '1', 'x', 'x', 'SENT', now()),
                       ($1, $4, 0, 1, 'c', 'conn', 'telegram', '1', 'x', 'x', 'PENDING', now() - interval '8 days')""")
                .execute(Tuple.of(tenant, old, fresh, open))
                .chain(() -> tx.preparedQuery(
                        """
                                INSERT INTO ingress.delivery_rate (tenant_id, rate_key, next_allowed_at)
                                VALUES ($1, 'passed', now() - interval '2 hours'), ($1, 'ahead', now() + interval '1 minute')""")
                        .execute(Tuple.of(tenant))))
                .await().atMost(WAIT);

        // When the purge runs with the default retentions (7 days, 1 hour)
        sendRecords.purge(Duration.ofDays(7), Duration.ofHours(1)).await().atMost(WAIT);

        // Then only the old settled record and the passed slot are gone
        List<String> left = RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery("""
                SELECT reply_id AS k FROM ingress.channel_delivery WHERE tenant_id = $1
                UNION ALL SELECT rate_key FROM ingress.delivery_rate WHERE tenant_id = $1""")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<String> keys = new java.util.ArrayList<>();
                    rows.forEach(r -> keys.add(r.getString("k")));
                    return keys;
                })).await().atMost(WAIT);
        assertThat(left).containsExactlyInAnyOrder(fresh, open, "ahead");
    }

    /** Waits until a fresh chat's typing was shown {@code ticks} times: the typing loops have run meanwhile. */
    private void awaitTypingTicks(Bot bot, int ticks) {
        String marker = newChat();
        message(bot, marker, "marker");
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.chatActions(marker).size() >= ticks);
    }

    @Test
    void whatsAppStatusesMoveTheSendRecordForwardAndAreAuditedOnce() {
        // Given a WhatsApp user's message: it is marked read with a typing indicator, once
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = whatsAppConnection(tenant);
        String user = "1650555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        String wamid = "wamid.IN-" + UUID.randomUUID();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audits = EventProbe.open(bootstrap, Topics.AUDIT)) {
            postWhatsApp(connectionId, whatsAppMessage(user, wamid));
            MessageReceived m = inbound.awaitOne(MessageReceived.class,
                    r -> r.tenantId().equals(tenant.tenantId()) && r.text().equals("hola")).data();
            await().atMost(WAIT).until(() -> DeliveryEmulators.whatsapp.markedRead(wamid).size() == 1);
            WhatsAppGraphApi.Call read = DeliveryEmulators.whatsapp.markedRead(wamid).get(0);
            assertThat(read.body().path("typing_indicator").path("type").asText()).isEqualTo("text");
            assertThat(read.authorization()).isEqualTo("Bearer wa-token");

            // And two replies were sent
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(m, first, "one"), reply(m, second, "two"));
            await().atMost(WAIT).until(() -> DeliveryEmulators.whatsapp.messages(user).size() == 2);
            String firstWamid = await().atMost(WAIT).until(() -> sentId(m.tenantId(), first), id -> id != null);
            String secondWamid = await().atMost(WAIT).until(() -> sentId(m.tenantId(), second), id -> id != null);

            // And an image reply goes as an image message with its link and caption
            Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "![a *cat*](https://img.example/c.jpg)"));
            await().atMost(WAIT).until(() -> DeliveryEmulators.whatsapp.images(user).size() == 1);
            WhatsAppGraphApi.Call image = DeliveryEmulators.whatsapp.images(user).get(0);
            assertThat(image.body().path("image").path("link").asText()).isEqualTo("https://img.example/c.jpg");
            assertThat(image.body().path("image").path("caption").asText()).isEqualTo("a *cat*");

            // When WhatsApp reports the first delivered, then read, then (late) delivered again, and the second failed,
            // and a status of a wamid we never sent
            postWhatsApp(connectionId, whatsAppStatus(user, firstWamid, "delivered", null));
            assertThat(deliveryStatus(m.tenantId(), first)).isEqualTo("delivered");
            postWhatsApp(connectionId, whatsAppStatus(user, firstWamid, "read", null));
            postWhatsApp(connectionId, whatsAppStatus(user, firstWamid, "delivered", null));
            postWhatsApp(connectionId, whatsAppStatus(user, secondWamid, "failed", 131026));
            postWhatsApp(connectionId, whatsAppStatus(user, "wamid.NEVER-SENT-" + UUID.randomUUID(), "read", null));

            // Then the first stays read, the second is failed with WhatsApp's code (each answered 200 once recorded)
            assertThat(deliveryStatus(m.tenantId(), first)).isEqualTo("read");
            assertThat(deliveryStatus(m.tenantId(), second)).isEqualTo("failed");
            assertThat(deliveryError(m.tenantId(), second)).isEqualTo("131026");
            // And delivered and read are audited for the first, delivery.failed with the code for the second
            audits.awaitOne(AuditRecord.class, a -> a.subjectId().equals(first) && a.action().equals("delivery.status")
                    && a.detail().endsWith(": delivered"));
            audits.awaitOne(AuditRecord.class, a -> a.subjectId().equals(first) && a.action().equals("delivery.status")
                    && a.detail().endsWith(": read"));
            AuditRecord failed = audits.awaitOne(AuditRecord.class,
                    a -> a.subjectId().equals(second) && a.action().equals("delivery.failed")).data();
            assertThat(failed.detail()).contains("131026");
            assertThat(audits.records().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .filter(v -> v.contains(first) && v.contains("delivery.status"))).hasSize(2);
        }
    }

    private String whatsAppConnection(Events.TestTenant tenant) {
        String connectionId = TestConnections.newConnectionId();
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.WHATSAPP, Status.ACTIVE, new Settings(GroupBehaviour.MENTIONED, List.of(),
                        List.of(), PHONE_NUMBER_ID),
                new Account(PHONE_NUMBER_ID, null), Map.of(ChannelConnectionChanged.ACCESS_TOKEN, "wa-token",
                        ChannelConnectionChanged.APP_SECRET, "app-secret", ChannelConnectionChanged.VERIFY_TOKEN,
                        "verify"),
                1));
        return connectionId;
    }

    private static void postWhatsApp(String connectionId, String payload) {
        byte[] raw = payload.getBytes(StandardCharsets.UTF_8);
        given().header("X-Hub-Signature-256", WhatsAppSignatureVerifier.sign("app-secret", raw))
                .contentType("application/json").body(raw).post("/v1/channels/whatsapp/" + connectionId).then()
                .statusCode(200);
    }

    private String sentId(String tenantId, String replyId) {
        return column(tenantId, replyId, "platform_message_id");
    }

    private String deliveryStatus(String tenantId, String replyId) {
        return column(tenantId, replyId, "delivery_status");
    }

    private String deliveryError(String tenantId, String replyId) {
        return column(tenantId, replyId, "delivery_error");
    }

    private String column(String tenantId, String replyId, String column) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("SELECT " + column
                + " AS v FROM ingress.channel_delivery WHERE tenant_id = $1 AND reply_id = $2 AND part_index = 0")
                .execute(Tuple.of(tenantId, replyId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("v")))
                .await().atMost(WAIT);
    }

    private static String whatsAppStatus(String recipient, String wamid, String status, Integer errorCode) {
        String errors = errorCode == null ? "" : """
                ,"errors":[{"code":%d,"title":"Message undeliverable"}]""".formatted(errorCode);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"%s","timestamp":"%d",
                "recipient_id":"%s"%s}]}}]}]}"""
                .formatted(PHONE_NUMBER_ID, wamid, status, Instant.now().getEpochSecond(), recipient, errors);
    }

    @Test
    void aVoiceNoteIsTranscribedOnceAndPublishedAsTheTranscriptEvenWhenTelegramDeliversItTwice() {
        // Given a tenant with a transcription model, and a voice note Telegram holds for its bot
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        Bot bot = telegramBot(tenant);
        VoiceNoteFixtures.enableTranscription(bootstrap, tenants, tenant, VoiceEmulators.transcription.baseUrl());
        String chat = newChat();
        String marker = "OggS-" + UUID.randomUUID();
        byte[] audio = (marker + "-opus-frames").getBytes(StandardCharsets.UTF_8);
        String fileId = "AwACAg-" + UUID.randomUUID();
        String path = VoiceEmulators.files.file(bot.token(), fileId, audio);
        VoiceEmulators.transcription.transcript(marker, "What are your opening hours?");
        String update = VoiceNoteFixtures.voiceUpdate(UPDATE_IDS.incrementAndGet(), chat, fileId, audio.length);

        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When Telegram delivers the update, and delivers it again
            postTelegram(bot, update).then().statusCode(200);
            postTelegram(bot, update).then().statusCode(200);

            // Then the transcript is published as the user's message, once, in the chat's conversation
            CloudEvent<MessageReceived> received = inbound.awaitOne(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId()) && m.conversationId().endsWith(":" + chat));
            assertThat(received.data().text()).isEqualTo("What are your opening hours?");
            assertThat(received.data().userVerified()).isTrue();
            String text = "after-" + UUID.randomUUID();
            message(bot, chat, text);
            assertThat(inbound.events(MessageReceived.class, m -> m.conversationId().endsWith(":" + chat)))
                    .extracting(e -> e.data().text()).containsExactly("What are your opening hours?", text);

            // And the endpoint got one multipart request: the model, the note's bytes, the tenant's key
            List<TranscriptionApi.Call> calls = VoiceEmulators.transcription.requests(marker);
            assertThat(calls).singleElement().satisfies(call -> {
                assertThat(call.model()).isEqualTo(VoiceNoteFixtures.MODEL);
                assertThat(call.file()).isEqualTo(audio);
                assertThat(call.fileName()).isEqualTo("voice.ogg");
                assertThat(call.authorization()).isEqualTo("Bearer " + VoiceNoteFixtures.API_KEY);
            });
            assertThat(VoiceEmulators.files.downloads(bot.token(), path)).isEqualTo(1);
            assertThat(voiceNoteState(bot.tenantId(), received.data().messageId())).isEqualTo("DONE");
        }
    }

    @Test
    void aWhatsAppVoiceNoteIsFetchedWithTheNumbersTokenTranscribedOnceAndAnsweredInItsChat() {
        // Given a tenant with a transcription model, a WhatsApp number, and a voice note Meta holds for it
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = whatsAppConnection(tenant);
        VoiceNoteFixtures.enableTranscription(bootstrap, tenants, tenant, VoiceEmulators.transcription.baseUrl());
        String user = "1650555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        String wamid = "wamid.VOICE-" + UUID.randomUUID();
        String mediaId = "1037543291543636" + ThreadLocalRandom.current().nextInt(1000, 9999);
        String marker = "OggS-" + UUID.randomUUID();
        byte[] audio = (marker + "-opus-frames").getBytes(StandardCharsets.UTF_8);
        VoiceEmulators.media.media("wa-token", mediaId, "audio/ogg; codecs=opus", audio);
        VoiceEmulators.transcription.transcript(marker, "Do you deliver on Sundays?");
        String payload = whatsAppVoiceNote(user, wamid, mediaId);

        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When Meta delivers the webhook, and delivers it again
            postWhatsApp(connectionId, payload);
            postWhatsApp(connectionId, payload);

            // Then the transcript is published once as the user's message, and a reply to it reaches the user's chat
            CloudEvent<MessageReceived> received = inbound.awaitOne(MessageReceived.class,
                    m -> m.tenantId().equals(tenant.tenantId()) && m.text().equals("Do you deliver on Sundays?"));
            String replyId = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(received.data(), replyId, "Yes, from 10 to 4."));
            await().atMost(WAIT).until(() -> sentId(tenant.tenantId(), replyId) != null);
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(tenant.tenantId())))
                    .hasSize(1);
            // And the note was fetched with the number's access token, once, and transcribed once
            assertThat(VoiceEmulators.media.downloads(mediaId)).isEqualTo(1);
            assertThat(VoiceEmulators.transcription.requests(marker)).singleElement().satisfies(call -> {
                assertThat(call.file()).isEqualTo(audio);
                assertThat(call.authorization()).isEqualTo("Bearer " + VoiceNoteFixtures.API_KEY);
            });
        }
    }

    private static String whatsAppVoiceNote(String from, String wamid, String mediaId) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"audio","audio":{
                "mime_type":"audio/ogg; codecs=opus","sha256":"b1d2","id":"%s","voice":true}}]}}]}]}"""
                .formatted(PHONE_NUMBER_ID, from, from, wamid, Instant.now().getEpochSecond(), mediaId);
    }

    @Test
    void withoutATranscriptionModelTheUserIsToldOnceThatVoiceIsNotEnabled() {
        // Given a tenant without a transcription model
        Bot bot = telegramBot();
        String chat = newChat();
        String update = VoiceNoteFixtures.voiceUpdate(UPDATE_IDS.incrementAndGet(), chat, "AwACAg-x", 1200);

        // When a voice note arrives, twice
        postTelegram(bot, update).then().statusCode(200);
        postTelegram(bot, update).then().statusCode(200);

        // Then the user gets one clear answer through delivery, quoting the voice note, and later replies follow it
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 1);
        MessageReceived m = message(bot, chat, "hello");
        Events.publish(bootstrap, reply(m, UUID.randomUUID().toString(), "marker"));
        await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(chat).size() == 2);
        List<TelegramSendApi.Call> sends = DeliveryEmulators.telegram.sends(chat);
        assertThat(sends.get(0).text()).contains("Voice messages are not enabled");
        assertThat(sends.get(0).body().path("reply_parameters").path("message_id").asText())
                .isEqualTo(Long.toString((UPDATE_IDS.get() - 1) % 1_000_000));
        assertThat(sends.get(1).text()).isEqualTo("marker");
    }

    @Test
    void anOversizedVoiceNoteIsRefusedWithAClearReplyAndAFailingEndpointIsRetriedUntilItAnswers() {
        // Given a tenant with a transcription model that fails twice with 503 before it answers
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        Bot bot = telegramBot(tenant);
        VoiceNoteFixtures.enableTranscription(bootstrap, tenants, tenant, VoiceEmulators.transcription.baseUrl());
        String marker = "OggS-" + UUID.randomUUID();
        byte[] audio = marker.getBytes(StandardCharsets.UTF_8);
        String fileId = "AwACAg-" + UUID.randomUUID();
        VoiceEmulators.files.file(bot.token(), fileId, audio);
        VoiceEmulators.transcription.failFirst(marker, 503, 2);
        VoiceEmulators.transcription.transcript(marker, "Third time lucky");
        String large = newChat();
        String flaky = newChat();

        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When a note of 15 MB (over the 10 MB limit) and a small one arrive
            postTelegram(bot, VoiceNoteFixtures.voiceUpdate(UPDATE_IDS.incrementAndGet(), large, "AwACAg-big",
                    15_000_000)).then().statusCode(200);
            postTelegram(bot, VoiceNoteFixtures.voiceUpdate(UPDATE_IDS.incrementAndGet(), flaky, fileId,
                    audio.length)).then().statusCode(200);

            // Then the large one is answered that it is too long, without a download or a transcription
            await().atMost(WAIT).until(() -> DeliveryEmulators.telegram.sends(large).size() == 1);
            assertThat(DeliveryEmulators.telegram.sends(large).get(0).text()).contains("too long");

            // And the small one is published after two failed attempts and a successful third
            CloudEvent<MessageReceived> received = inbound.awaitOne(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId()) && m.conversationId().endsWith(":" + flaky));
            assertThat(received.data().text()).isEqualTo("Third time lucky");
            assertThat(VoiceEmulators.transcription.requests(marker)).hasSize(3);
            assertThat(inbound.events(MessageReceived.class, m -> m.conversationId().endsWith(":" + large)))
                    .isEmpty();
        }
    }

    private io.restassured.response.Response postTelegram(Bot bot, String update) {
        return given().header("X-Telegram-Bot-Api-Secret-Token", bot.secret()).contentType("application/json")
                .body(update).post("/v1/channels/telegram/{id}", bot.connectionId());
    }

    private String voiceNoteState(String tenantId, String messageId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT state FROM ingress.voice_note WHERE tenant_id = $1 AND message_id = $2")
                .execute(Tuple.of(tenantId, messageId))).await().atMost(WAIT).iterator().next().getString("state");
    }

    private static boolean isDeadLetterOf(ConsumerRecord<String, byte[]> record, String replyId) {
        var group = record.headers().lastHeader("dead-letter-consumer-group");
        return group != null && new String(group.value(), StandardCharsets.UTF_8).equals("channel-ingress-delivery")
                && new String(record.value(), StandardCharsets.UTF_8).contains(replyId);
    }

    private void insertParts(MessageReceived m, Bot bot, String chat, String replyId) {
        RowScope.inTenant(pool, m.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_delivery (tenant_id, reply_id, part_index, part_count, conversation_id,
                    connection_id, channel, chat_id, body, plain_body, state, attempts, claimed_at)
                VALUES ($1, $2, 0, 2, $3, $4, 'telegram', $5, 'first part', 'first part', 'SENDING', 1,
                        now() - interval '1 hour'),
                       ($1, $2, 1, 2, $3, $4, 'telegram', $5, 'second part', 'second part', 'PENDING', 0, NULL)""")
                .execute(Tuple.of(m.tenantId(), replyId, m.conversationId(), bot.connectionId(), chat)))
                .await().atMost(WAIT);
    }

    private void setLastReceived(MessageReceived m, Instant at) {
        RowScope.inTenant(pool, m.tenantId(), tx -> tx.preparedQuery("""
                UPDATE ingress.channel_message SET received_at = $3 WHERE tenant_id = $1 AND conversation_id = $2""")
                .execute(Tuple.of(m.tenantId(), m.conversationId(), at.atOffset(java.time.ZoneOffset.UTC))))
                .await().atMost(WAIT);
    }

    private static CloudEvent<ReplyReady> reply(MessageReceived m, String replyId, String text) {
        Instant now = Instant.now();
        return CloudEvent.of("agent-worker", replyId, m.tenantId(), m.conversationId(), now, new ReplyReady(replyId,
                m.tenantId(), m.conversationId(), m.messageId(), m.channel(), text, "offline", now));
    }

    private static List<String> concat(List<String> parts, String last) {
        return java.util.stream.Stream.concat(parts.stream(), java.util.stream.Stream.of(last)).toList();
    }

    private static String newChat() {
        return Long.toString(100_000 + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    private static String whatsAppMessage(String from, String wamid) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"hola"}}]}}]}]}"""
                .formatted(PHONE_NUMBER_ID, from, from, wamid, Instant.now().getEpochSecond());
    }

    private MessageReceived message(Bot bot, String chat, String text) {
        long updateId = UPDATE_IDS.incrementAndGet();
        String update = """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%s,"is_bot":false,"first_name":"Ada"},
                "chat":{"id":%s,"type":"private","first_name":"Ada"},"date":1441645532,"text":"%s"}}"""
                .formatted(updateId, updateId % 1_000_000, chat, chat, text);
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            given().header("X-Telegram-Bot-Api-Secret-Token", bot.secret()).contentType("application/json")
                    .body(update).post("/v1/channels/telegram/{id}", bot.connectionId()).then().statusCode(200);
            return inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId())
                    && m.conversationId().endsWith(":" + chat) && m.text().equals(text)).data();
        }
    }

    private Bot telegramBot() {
        return telegramBot(TestTenants.register(bootstrap));
    }

    private Bot telegramBot(Events.TestTenant tenant) {
        Bot bot = new Bot(tenant.tenantId(), TestConnections.newConnectionId(), "42:tok-" + UUID.randomUUID(),
                "s3cret_" + TestConnections.newConnectionId());
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(bot.tenantId(),
                bot.connectionId(), Type.TELEGRAM, Status.ACTIVE, Settings.defaults(), new Account("42", "AleffBot"),
                Map.of(ChannelConnectionChanged.BOT_TOKEN, bot.token(), ChannelConnectionChanged.WEBHOOK_SECRET,
                        bot.secret()),
                1));
        return bot;
    }

    /** A Telegram webhook connection of a tenant. */
    private record Bot(String tenantId, String connectionId, String token, String secret) {

        String platformMessageId(MessageReceived m) {
            String[] key = m.clientMessageId().split(":");
            return Long.toString(Long.parseLong(key[key.length - 1]) % 1_000_000);
        }
    }
}
