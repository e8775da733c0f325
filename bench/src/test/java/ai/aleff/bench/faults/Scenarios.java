package ai.aleff.bench.faults;

import java.util.ArrayList;
import java.util.List;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;

/** The faults of issue 4: crashes of each service, broker and database outages, a misbehaving model. */
public final class Scenarios {

    private Scenarios() {
    }

    /** The most telling two, for the test suite: a worker crash mid-load, and the broker going away. */
    public static List<Scenario> quick(FaultHarness harness) {
        return List.of(kill(harness.platform(), PlatformService.AGENT_WORKER), kafkaOutage(harness.platform()));
    }

    /**
     * Every fault: kill -9 of each service in turn, Kafka and PostgreSQL outages, the model failing, and the channel
     * ones (replies counted at the emulated platform): kill -9 of channel-ingress while Telegram, WhatsApp or Slack push
     * webhooks, and kill -9 of the channel-ingress instance holding a polled bot's lease, a Slack Socket Mode app's or
     * a Discord Gateway bot's.
     */
    public static List<Scenario> full(FaultHarness harness) {
        List<Scenario> scenarios = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            scenarios.add(kill(harness.platform(), service));
        }
        scenarios.add(telegramIngressKill(harness.platform()));
        scenarios.add(whatsAppIngressKill(harness.platform()));
        scenarios.add(slackIngressKill(harness.platform()));
        scenarios.add(pollingHolderKill(harness));
        scenarios.add(socketHolderKill(harness));
        scenarios.add(gatewayHolderKill(harness));
        scenarios.add(supervisedRestart(harness.platform(), PlatformService.AGENT_WORKER));
        scenarios.add(kafkaOutage(harness.platform()));
        scenarios.add(postgresOutage(harness.platform()));
        scenarios.add(modelOutage(harness.model()));
        return scenarios;
    }

    /**
     * The scenarios whose name contains one of the comma-separated words of {@code only} (case-insensitive), e.g.
     * {@code "agent-worker,kafka"}, as it is or with every run of other characters than letters and digits read as one
     * hyphen ({@code "slack-socket"} names "Slack Socket Mode: ..."); all of them when {@code only} is blank.
     */
    public static List<Scenario> only(List<Scenario> scenarios, String only) {
        if (only == null || only.isBlank()) {
            return scenarios;
        }
        List<String> words = java.util.Arrays.stream(only.toLowerCase(java.util.Locale.ROOT).split(","))
                .map(String::trim).filter(w -> !w.isEmpty()).toList();
        return scenarios.stream()
                .filter(s -> words.stream().anyMatch(w -> s.name().toLowerCase(java.util.Locale.ROOT).contains(w)
                        || s.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").contains(w)))
                .toList();
    }

    static Scenario kill(LocalPlatform platform, PlatformService service) {
        return new Scenario("kill -9 " + service.moduleName(), List.of(() -> platform.killService(service)),
                () -> platform.restartService(service));
    }

    /**
     * The launcher's own recovery: the service is killed from outside (a {@code kill -9} of its pid, as another
     * shell or the OOM killer would, not through {@link LocalPlatform#killService}, which marks its kills
     * deliberate), and nobody restarts it but the launcher's supervisor. Healing only waits for that restart.
     */
    static Scenario supervisedRestart(LocalPlatform platform, PlatformService service) {
        long[] killed = new long[1];
        return new Scenario("launcher restarts " + service.moduleName() + " after an outside kill -9",
                List.of(() -> killed[0] = killFromOutside(platform, service)),
                () -> platform.awaitRestarted(service, killed[0]));
    }

    private static long killFromOutside(LocalPlatform platform, PlatformService service) {
        ProcessHandle process = platform.serviceProcess(service)
                .orElseThrow(() -> new IllegalStateException(service.moduleName() + " is not running"));
        process.destroyForcibly();
        process.onExit().join();
        return process.pid();
    }

    /** channel-ingress receives the webhooks and sends the replies: both sides of a channel die with it. */
    static Scenario telegramIngressKill(LocalPlatform platform) {
        PlatformService ingress = PlatformService.CHANNEL_INGRESS;
        return new Scenario("Telegram webhooks: kill -9 " + ingress.moduleName(),
                List.of(() -> platform.killService(ingress)), () -> platform.restartService(ingress),
                Scenario.Channel.TELEGRAM);
    }

    /** As the Telegram one, with Meta's signed (and sometimes batched) webhooks and the Graph API's sends. */
    static Scenario whatsAppIngressKill(LocalPlatform platform) {
        PlatformService ingress = PlatformService.CHANNEL_INGRESS;
        return new Scenario("WhatsApp webhooks: kill -9 " + ingress.moduleName(),
                List.of(() -> platform.killService(ingress)), () -> platform.restartService(ingress),
                Scenario.Channel.WHATSAPP);
    }

    /** As the Telegram one, with Slack's signed Events API callbacks, its retries, and chat.postMessage's sends. */
    static Scenario slackIngressKill(LocalPlatform platform) {
        PlatformService ingress = PlatformService.CHANNEL_INGRESS;
        return new Scenario("Slack Events API: kill -9 " + ingress.moduleName(),
                List.of(() -> platform.killService(ingress)), () -> platform.restartService(ingress),
                Scenario.Channel.SLACK);
    }

    /**
     * Two channel-ingress processes, a bot in POLLING mode: the one holding its lease is killed, the other must take
     * over; the killed one comes back as the standby.
     */
    static Scenario pollingHolderKill(FaultHarness harness) {
        return new Scenario("Telegram long polling: kill -9 the polling holder", List.of(harness::killPollingHolder),
                harness::restartKilledIngress, Scenario.Channel.TELEGRAM_POLLING);
    }

    /**
     * Two channel-ingress processes, a Slack app in Socket Mode: the one holding its lease (and socket) is killed, the
     * other must take over and receive the unacknowledged envelopes; the killed one comes back as the standby.
     */
    static Scenario socketHolderKill(FaultHarness harness) {
        return new Scenario("Slack Socket Mode: kill -9 the socket holder", List.of(harness::killSocketHolder),
                harness::restartKilledSocketIngress, Scenario.Channel.SLACK_SOCKET);
    }

    /**
     * Two channel-ingress processes, a Discord bot in GATEWAY mode: the one holding its lease (and Gateway session)
     * is killed, the other must take over and RESUME the stored session, receiving what was dispatched meanwhile;
     * the killed one comes back as the standby.
     */
    static Scenario gatewayHolderKill(FaultHarness harness) {
        return new Scenario("Discord Gateway: kill -9 the gateway holder", List.of(harness::killGatewayHolder),
                harness::restartKilledGatewayIngress, Scenario.Channel.DISCORD_GATEWAY);
    }

    static Scenario kafkaOutage(LocalPlatform platform) {
        return new Scenario("Kafka stop/start", List.of(platform::stopKafka), platform::startKafka);
    }

    static Scenario postgresOutage(LocalPlatform platform) {
        return new Scenario("PostgreSQL stop/start", List.of(platform::stopPostgres), platform::startPostgres);
    }

    /** 500s, then 429s with Retry-After, then answers slower than the worker's timeout; then normal again. */
    static Scenario modelOutage(ModelEmulator model) {
        return new Scenario("model 500/429/timeouts",
                List.of(() -> model.mode(ModelMode.SERVER_ERRORS), () -> model.mode(ModelMode.RATE_LIMITED),
                        () -> model.mode(ModelMode.SLOW)),
                () -> model.mode(ModelMode.NORMAL));
    }
}
