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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.PlatformSettings;
import ai.aleff.deploy.Progress;
import ai.aleff.deploy.RepoLocator;
import ai.aleff.deploy.RestartPolicy;
import ai.aleff.deploy.SharedKeycloak;
import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.DiscordGatewayServer;
import ai.aleff.testkit.channels.SlackSocketModeServer;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramPollingApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/**
 * The platform as {@code ./aleff run} starts it, with the model and Telegram's Bot API emulated, one tenant, and a
 * way to run a {@link Scenario} under load and count what became of every message.
 */
public final class FaultHarness implements AutoCloseable {

    /** Short model timeout so the slow phase produces timeouts quickly; slow answers take longer than it. */
    static final Duration MODEL_TIMEOUT = Duration.ofSeconds(3);
    /** Turns left mid-way by a killed worker are resumed after this (the default of 3 minutes is for production). */
    static final Duration STALE_TURN_AFTER = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    static final Duration SERVICE_READY_WITHIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What tenant-service tells Telegram; the harness posts to channel-ingress under the same path. */
    private static final String PUBLIC_BASE_URL = "https://faults.aleff.example";

    private final ModelEmulator model;
    private final ChannelEmulators channels;
    private final LocalPlatform platform;
    private final Progress progress;
    private final Tenant tenant;
    private final String apiKey;
    private final PlatformReader reader;
    private final AtomicLong runs = new AtomicLong();
    private TelegramBot bot;
    private WhatsAppNumber whatsApp;
    private SlackApp slackApp;
    private SocketModeFailover socketMode;
    private GatewayFailover gateway;
    private PollingFailover polling;

    /** The harness's tenant: its id (for administration) and its API key (for reading what the platform shows). */
    private record Tenant(String id, String apiKey) {
    }

    /**
     * tenant-service's Telegram (getMe, setWebhook) and channel-ingress's: getUpdates at {@code polling}, which
     * forwards sendMessage to {@code send} (one base URL, as api.telegram.org); WhatsApp's Graph API; Slack's Web API
     * (auth.test for tenant-service; chat.postMessage, and apps.connections.open handing out tickets of
     * {@code sockets}, Slack's Socket Mode WebSocket side, for channel-ingress).
     */
    private record ChannelEmulators(TelegramConnectApi connect, TelegramPollingApi polling, TelegramSendApi send,
            WhatsAppGraphApi graph, SlackSocketModeServer sockets, SlackWebApi slack, DiscordGatewayServer gateway,
            DiscordApi discord) implements AutoCloseable {

        static ChannelEmulators start() {
            SlackSocketModeServer sockets = SlackSocketModeServer.start();
            // Discord's Gateway asks for a heartbeat about every 41 s; 5 s here keeps its zombie check in the run.
            DiscordGatewayServer gateway = DiscordGatewayServer.start(5_000);
            ChannelEmulators emulators = new ChannelEmulators(TelegramConnectApi.start(), TelegramPollingApi.start(),
                    TelegramSendApi.start(), WhatsAppGraphApi.start(), sockets, SlackWebApi.withSocketMode(sockets),
                    gateway, DiscordApi.start().withGateway(gateway.url(), 990, 3_600_000));
            emulators.polling().forwardOtherMethodsTo(emulators.send().baseUrl());
            return emulators;
        }

        @Override
        public void close() {
            try (connect; polling; send; graph; sockets; slack; gateway; discord) {
                // all closed, whichever fails
            }
        }
    }

    /** The harness's bot, connected in webhook mode: where to post and the secret Telegram would echo. */
    private record TelegramBot(String connectionId, String webhookUrl, String secretToken) {
    }

    private FaultHarness(ModelEmulator model, ChannelEmulators telegram, LocalPlatform platform, Progress progress,
            Tenant tenant) {
        this.model = model;
        this.channels = telegram;
        this.platform = platform;
        this.progress = progress;
        this.tenant = tenant;
        this.apiKey = tenant.apiKey();
        this.reader = new PlatformReader(platform.serviceUrl(PlatformService.CHANNEL_INGRESS),
                platform.serviceUrl(PlatformService.AUDIT_SERVICE), apiKey);
    }

    public static FaultHarness start(Progress progress) {
        ModelEmulator model = ModelEmulator.start(MODEL_TIMEOUT.multipliedBy(2));
        ChannelEmulators telegram = ChannelEmulators.start();
        Path repo = RepoLocator.locate();
        PlatformSettings settings = PlatformSettings.builder(repo,
                repo.resolve("bench/target/faults-" + System.currentTimeMillis()))
                .freePorts()
                // The run's shared Keycloak: the faults injected are the platform's, not the identity provider's.
                .externalKeycloak(SharedKeycloak.ofRepository(repo).acquire().url())
                .environment(Map.of())
                // On a starved machine (2 shared cores) a Quarkus service has taken 124 s to start.
                .readyTimeout(SERVICE_READY_WITHIN)
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.base-url", model.baseUrl())
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.api-key", "sk-bench")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.model-name", "gpt-bench")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.timeout",
                        MODEL_TIMEOUT.toSeconds() + "s")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model-attempts", "2")
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.stale-turn-after",
                        STALE_TURN_AFTER.toSeconds() + "s")
                .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.telegram.api-base-url",
                        telegram.connect().baseUrl())
                .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.public-base-url", PUBLIC_BASE_URL)
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.telegram.api-base-url",
                        telegram.polling().baseUrl())
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.whatsapp.graph-base-url",
                        telegram.graph().baseUrl())
                .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.slack.api-base-url",
                        telegram.slack().baseUrl())
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.slack.api-base-url",
                        telegram.slack().baseUrl())
                // A polled bot's lease moves within seconds of its holder's death (docs/channels.md, "Long polling").
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.telegram.polling.lease-ttl", "3s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS,
                        "aleff.channels.telegram.polling.lease-renew-interval", "1s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.telegram.polling.acquire-interval",
                        "500ms")
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.telegram.polling.registry-interval",
                        "1s")
                // The same for a Socket Mode app's lease (docs/channels.md, "Socket Mode").
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.slack.socket-mode.lease-ttl", "3s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS,
                        "aleff.channels.slack.socket-mode.lease-renew-interval", "1s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS,
                        "aleff.channels.slack.socket-mode.acquire-interval", "500ms")
                .serviceProperty(PlatformService.CHANNEL_INGRESS,
                        "aleff.channels.slack.socket-mode.registry-interval", "1s")
                // Discord's REST API (tenant-service: /users/@me, /ask; channel-ingress: /gateway/bot, channel
                // messages, typing) and the same short lease for a Gateway bot (docs/channels.md, "Gateway").
                .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.discord.api-base-url",
                        telegram.discord().baseUrl())
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.discord.api-base-url",
                        telegram.discord().baseUrl())
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.discord.gateway.lease-ttl", "3s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS,
                        "aleff.channels.discord.gateway.lease-renew-interval", "1s")
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.discord.gateway.acquire-interval",
                        "500ms")
                .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.discord.gateway.registry-interval",
                        "1s")
                .build();
        LocalPlatform platform = null;
        try {
            platform = LocalPlatform.create(settings, progress);
            // The supervisor is on, as in ./aleff run: the deliberate kills of the scenarios are not restarted by
            // it, and the outside kill of the supervised-restart scenario is restarted by nothing else.
            platform.restartOnExit(RestartPolicy.DEFAULT);
            platform.startInfrastructure();
            platform.startServices();
            FaultHarness harness = new FaultHarness(model, telegram, platform, progress, createTenant(platform));
            harness.awaitKeyKnown();
            return harness;
        } catch (RuntimeException e) {
            if (platform != null) {
                platform.close();
            }
            try (model; telegram) {
                throw e;
            }
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
        String run = scenario.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        ChannelLoad channel = channelLoad(scenario.channel(), profile, run, runs.incrementAndGet());
        progress.line("scenario " + scenario.name() + ": load starts");
        try (LoadClient load = LoadClient.start(channel.target(), channel.loadConversations(), run,
                profile.maxMessages(), profile.perSecond())) {
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
            List<MarkerResult> results = settle(deliveries, channel.conversations(), profile.drainSeconds(),
                    channel.seen());
            return channel.figures(ScenarioResult.of(scenario.name(), results, faultStart, faultEnd,
                    Duration.between(healStart, faultEnd), load.unavailable(), load.unreachable()));
        } finally {
            if (scenario.channel() == Scenario.Channel.TELEGRAM_POLLING && polling != null) {
                polling.close();
                polling = null;
            }
            if (scenario.channel() == Scenario.Channel.SLACK_SOCKET && socketMode != null) {
                socketMode.close();
                socketMode = null;
            }
            if (scenario.channel() == Scenario.Channel.DISCORD_GATEWAY && gateway != null) {
                gateway.close();
                gateway = null;
            }
        }
    }

    /**
     * Where a scenario's load goes and where its replies are counted: {@code loadConversations} are what the load
     * sends to (chat ids, WhatsApp users), {@code conversations} what the platform calls them, {@code seen} turns the
     * platform's view into the emulated channel's (its sends), {@code figures} adds the channel's own figures.
     */
    private record ChannelLoad(List<String> loadConversations, List<String> conversations, LoadTarget target,
            UnaryOperator<List<MarkerResult>> seen, UnaryOperator<ScenarioResult> figures) {

        ChannelLoad {
            loadConversations = List.copyOf(loadConversations);
            conversations = List.copyOf(conversations);
        }

        ScenarioResult figures(ScenarioResult result) {
            return figures.apply(result);
        }
    }

    private ChannelLoad channelLoad(Scenario.Channel channel, LoadProfile profile, String run, long runNumber) {
        // Channel conversations are private chats / users: numeric ids unique to this run.
        long first = 1_000_000_000L + runNumber * 1_000;
        List<String> ids = IntStream.range(0, profile.conversations()).mapToObj(i -> String.valueOf(first + i))
                .toList();
        return switch (channel) {
            case API -> new ChannelLoad(IntStream.range(0, profile.conversations()).mapToObj(i -> run + "-c" + i)
                    .toList(), IntStream.range(0, profile.conversations()).mapToObj(i -> run + "-c" + i).toList(),
                    new ApiTarget(platform.serviceUrl(PlatformService.CHANNEL_INGRESS), apiKey),
                    UnaryOperator.identity(), UnaryOperator.identity());
            case TELEGRAM -> {
                TelegramBot telegramBot = telegramBot();
                yield new ChannelLoad(ids, telegramConversations(telegramBot.connectionId(), ids),
                        new TelegramTarget(telegramBot.webhookUrl(), telegramBot.secretToken(), runNumber * 10_000_000),
                        seen -> PlatformSideCount.telegram(channels.send(), seen, ids, run), UnaryOperator.identity());
            }
            case TELEGRAM_POLLING -> {
                polling = PollingFailover.start(platform, new ChannelConnector(platform, tenant.id()),
                        channels.connect(), channels.polling(), progress);
                PollingFailover failover = polling;
                yield new ChannelLoad(ids, telegramConversations(failover.connectionId(), ids), failover.target(),
                        seen -> PlatformSideCount.telegram(channels.send(), seen, ids, run),
                        result -> result.withChannelFigures(failover.conflicts(), String.format(Locale.ROOT,
                                "takeover %s s after the kill, %d x 409 (overlapping getUpdates), %d updates "
                                        + "served again, %s",
                                failover.takeover().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3))
                                        .orElse("never"),
                                failover.conflicts(), failover.reserved(), failover.confirmation())));
            }
            case WHATSAPP -> {
                WhatsAppNumber number = whatsAppNumber();
                List<String> users = ids.stream().map(id -> "55" + id).toList();
                yield new ChannelLoad(users,
                        users.stream().map(user -> "wa:" + number.connectionId() + ":" + user).toList(),
                        number.target(), seen -> PlatformSideCount.whatsApp(channels.graph(), seen, users),
                        UnaryOperator.identity());
            }
            case SLACK -> {
                SlackApp app = slackApp();
                List<String> dms = ids.stream().map(SlackTarget::channel).toList();
                yield new ChannelLoad(ids,
                        dms.stream().map(dm -> "sl:" + app.connectionId() + ":" + dm).toList(),
                        app.target(1_700_000_000L + runNumber), seen -> PlatformSideCount.slack(channels.slack(), seen,
                                dms),
                        UnaryOperator.identity());
            }
            case SLACK_SOCKET -> {
                socketMode = SocketModeFailover.start(platform, new ChannelConnector(platform, tenant.id()),
                        channels.sockets(), progress, 1_700_000_000L + runNumber);
                SocketModeFailover failover = socketMode;
                List<String> dms = ids.stream().map(SlackTarget::channel).toList();
                yield new ChannelLoad(ids,
                        dms.stream().map(dm -> "sl:" + failover.connectionId() + ":" + dm).toList(),
                        failover.target(), seen -> PlatformSideCount.slack(channels.slack(), seen, dms),
                        result -> result.withChannelFigures(-1, String.format(Locale.ROOT,
                                "takeover %s s after the kill, %s",
                                failover.takeover().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3))
                                        .orElse("never"),
                                failover.figures())));
            }
            case DISCORD_GATEWAY -> {
                gateway = GatewayFailover.start(platform, new ChannelConnector(platform, tenant.id()),
                        channels.gateway(), progress);
                GatewayFailover failover = gateway;
                List<String> dms = ids.stream().map(DiscordGatewayTarget::channel).toList();
                yield new ChannelLoad(ids,
                        dms.stream().map(dm -> "dc:" + failover.connectionId() + ":" + dm).toList(),
                        failover.target(), seen -> PlatformSideCount.discord(channels.discord(), seen, dms,
                                failover.target().messageIds()),
                        result -> result.withChannelFigures(-1, String.format(Locale.ROOT,
                                "RESUME %s s after the kill, %s",
                                failover.takeover().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3))
                                        .orElse("never"),
                                failover.figures())));
            }
        };
    }

    /** What the platform calls a Telegram private chat: the channel's conversation id (ChannelConversations). */
    private static List<String> telegramConversations(String connectionId, List<String> chats) {
        return chats.stream().map(chat -> "tg:" + connectionId + ":" + chat).toList();
    }

    /** In the polling scenario's phases: kill -9 of the instance holding the bot's lease. */
    void killPollingHolder() {
        polling.killHolder();
    }

    /** The polling scenario's heal: the killed instance starts again (as the standby). */
    void restartKilledIngress() {
        polling.restartKilled();
    }

    /** In the Socket Mode scenario's phases: kill -9 of the instance holding the app's lease. */
    void killSocketHolder() {
        socketMode.killHolder();
    }

    /** The Socket Mode scenario's heal: the killed instance starts again (as the standby). */
    void restartKilledSocketIngress() {
        socketMode.restartKilled();
    }

    /** In the Gateway scenario's phases: kill -9 of the instance holding the bot's lease. */
    void killGatewayHolder() {
        gateway.killHolder();
    }

    /** The Gateway scenario's heal: the killed instance starts again (as the standby). */
    void restartKilledGatewayIngress() {
        gateway.restartKilled();
    }

    private WhatsAppNumber whatsAppNumber() {
        if (whatsApp == null) {
            whatsApp = WhatsAppNumber.connect(platform, new ChannelConnector(platform, tenant.id()), progress);
        }
        return whatsApp;
    }

    private SlackApp slackApp() {
        if (slackApp == null) {
            slackApp = SlackApp.connect(platform, new ChannelConnector(platform, tenant.id()), progress);
        }
        return slackApp;
    }

    private static void awaitSent(LoadClient load, int count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> load.sent() >= count
                || load.allSent());
    }

    /**
     * Waits until every accepted marker has its reply and audit trail (or the drain time is up), then tallies;
     * {@code seen} turns the platform's view into where replies are counted (the emulated channel's side).
     */
    private List<MarkerResult> settle(List<Delivery> deliveries, List<String> conversations, int drainSeconds,
            UnaryOperator<List<MarkerResult>> seen) {
        try {
            await().atMost(Duration.ofSeconds(drainSeconds))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> seen.apply(tally(deliveries, conversations)).stream()
                            .filter(MarkerResult::accepted)
                            .allMatch(r -> r.replies() > 0 && r.auditComplete()));
        } catch (ConditionTimeoutException e) {
            progress.line("some messages are still unanswered or unaudited after " + drainSeconds + " s");
        }
        return seen.apply(tally(deliveries, conversations));
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

    /** The harness's Telegram bot, connected through tenant-service on first use and known to channel-ingress. */
    private TelegramBot telegramBot() {
        if (bot != null) {
            return bot;
        }
        long botId = 7_000_000_000L + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000);
        String token = botId + ":AAF" + UUID.randomUUID().toString().replace("-", "");
        channels.connect().bot(token, botId, "faults_" + botId + "_bot");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                platform.serviceUrl(PlatformService.TENANT_SERVICE) + "/v1/tenants/" + tenant.id() + "/channels"))
                .header("Authorization", "Bearer " + platform.platformAdminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"TELEGRAM\",\"displayName\":\"Faults bot\","
                        + "\"mode\":\"WEBHOOK\",\"credentials\":{\"botToken\":\"" + token + "\"}}"))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Connecting the Telegram bot answered " + response.statusCode() + ": "
                    + response.body());
        }
        String connectionId;
        try {
            connectionId = JSON.readTree(response.body()).path("connectionId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String secret = channels.connect().calls(token, "setWebhook").getLast().path("secret_token").asText();
        String webhookUrl = platform.serviceUrl(PlatformService.CHANNEL_INGRESS) + "/v1/channels/telegram/"
                + connectionId;
        // channel-ingress learns the connection from Kafka: an edited message is answered 200 and handled as nothing.
        String edit = "{\"update_id\":1,\"edited_message\":{\"message_id\":1,\"date\":1,\"edit_date\":2,"
                + "\"chat\":{\"id\":1,\"type\":\"private\"},\"from\":{\"id\":1,\"is_bot\":false,"
                + "\"first_name\":\"Warm-up\"},\"text\":\"warm-up\"}}";
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> send(HttpRequest
                .newBuilder(URI.create(webhookUrl))
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(edit))
                .build()).statusCode() == 200);
        progress.line("Telegram bot connected (connection " + connectionId + ")");
        bot = new TelegramBot(connectionId, webhookUrl, secret);
        return bot;
    }

    private static Tenant createTenant(LocalPlatform platform) {
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
            JsonNode created = JSON.readTree(response.body());
            return new Tenant(created.path("id").asText(), created.path("apiKey").asText());
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
        try (model; channels) {
            platform.close();
        }
    }
}
