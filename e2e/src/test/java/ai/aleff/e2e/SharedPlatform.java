package ai.aleff.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.PlatformSettings;
import ai.aleff.deploy.Progress;
import ai.aleff.deploy.RepoLocator;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OtlpTraceReceiver;
import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;
import ai.aleff.testkit.identity.KeycloakServer;

/**
 * One built platform (five service processes on real Kafka and PostgreSQL) for every end-to-end test class of the
 * run: starting five JVMs costs about a minute, so the classes share it through JUnit's root store, which closes it
 * when the run ends. Test classes create their own tenants, so they never see each other's data.
 *
 * <p>
 * The model provider is emulated: it asks for the calculator once, then answers with the tool's result. So are
 * Telegram's Bot API (tenant-service's getMe/setWebhook on one emulator, channel-ingress's sends on another) and
 * WhatsApp's Graph API.
 */
public final class SharedPlatform implements BeforeAllCallback {

    /** What the emulated model answers once the calculator's result is in the conversation. */
    public static final String FINAL_ANSWER = "2*(3+4) = 14";

    /**
     * What tenant-service tells Telegram and shows as webhook URLs: a deployment's public HTTPS address in front of
     * channel-ingress (Telegram accepts only https). The tests post to channel-ingress itself under the same path.
     */
    public static final String PUBLIC_BASE_URL = "https://aleff.e2e.example";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(),
                Running.class);
    }

    public static LocalPlatform platform() {
        return current().platform();
    }

    public static OpenAiEmulator model() {
        return current().model();
    }

    /** What tenant-service reaches as Telegram: getMe, setWebhook, deleteWebhook. */
    public static TelegramConnectApi telegramConnect() {
        return current().channels().connect();
    }

    /** What channel-ingress reaches as Telegram: sendMessage, sendChatAction. */
    public static TelegramSendApi telegramSend() {
        return current().channels().send();
    }

    /** What channel-ingress reaches as WhatsApp's Graph API. */
    public static WhatsAppGraphApi whatsApp() {
        return current().channels().graph();
    }

    /** What tenant-service (auth.test) and channel-ingress (chat.postMessage) reach as Slack's Web API. */
    public static SlackWebApi slack() {
        return current().channels().slack();
    }

    /** What tenant-service (users/@me) and channel-ingress (interaction webhooks, channel messages) reach as Discord. */
    public static DiscordApi discord() {
        return current().channels().discord();
    }

    /** The spans every service exported so far. */
    public static OtlpTraceReceiver traces() {
        return current().traces();
    }

    private static Running current() {
        if (running == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(SharedPlatform.class)");
        }
        return running;
    }

    /** The emulated messaging platforms. */
    private record Channels(TelegramConnectApi connect, TelegramSendApi send, WhatsAppGraphApi graph,
            SlackWebApi slack, DiscordApi discord) implements AutoCloseable {

        static Channels start() {
            return new Channels(TelegramConnectApi.start(), TelegramSendApi.start(), WhatsAppGraphApi.start(),
                    SlackWebApi.start(), DiscordApi.start());
        }

        @Override
        public void close() {
            try (connect; send; graph; slack; discord) {
                // closes all five, whichever fails
            }
        }
    }

    /** The started platform and its emulators; closed by JUnit at the end of the run. */
    private record Running(LocalPlatform platform, OpenAiEmulator model, Channels channels, OtlpTraceReceiver traces)
            implements
                AutoCloseable {

        static Running start() {
            OpenAiEmulator model = OpenAiEmulator.start();
            // traces (issue 14): every service exports its spans here, over OTLP/HTTP, soon after they end.
            OtlpTraceReceiver traces = OtlpTraceReceiver.start();
            // The follow-up call carries the tool result as a "tool" message; the first call does not.
            model.server()
                    .stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                            .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                            .willReturn(json(OpenAiEmulator.textResponse(FINAL_ANSWER))));
            model.server()
                    .stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(5)
                            .willReturn(json(OpenAiEmulator.toolCallResponse("call-calc-1", "calculator",
                                    Map.of("expression", "2*(3+4)")))));

            // Free ports and a data directory of its own: a developer's `./aleff run` may be open on the defaults.
            // The directory stays under target/ so the service logs can be read after a failure.
            Channels channels = Channels.start();
            Path repo = RepoLocator.locate();
            Path dataDir = repo.resolve("e2e/target/platform-" + System.currentTimeMillis());
            PlatformSettings.Builder builder = PlatformSettings.builder(repo, dataDir)
                    .freePorts()
                    // The run's shared Keycloak (testkit): one Keycloak start per test run.
                    .externalKeycloak(KeycloakServer.url())
                    // C1 only: the services start much faster and a handful of requests never needs C2.
                    .serviceJvmOptions(
                            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                    .environment(Map.of())
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.base-url",
                            model.baseUrl())
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.api-key", "sk-e2e")
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.model-name", "gpt-e2e")
                    .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.telegram.api-base-url",
                            channels.connect().baseUrl())
                    .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.telegram.api-base-url",
                            channels.send().baseUrl())
                    .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.whatsapp.graph-base-url",
                            channels.graph().baseUrl())
                    .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.slack.api-base-url",
                            channels.slack().baseUrl())
                    .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.slack.api-base-url",
                            channels.slack().baseUrl())
                    .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.discord.api-base-url",
                            channels.discord().baseUrl())
                    .serviceProperty(PlatformService.CHANNEL_INGRESS, "aleff.channels.discord.api-base-url",
                            channels.discord().baseUrl());
            for (PlatformService service : PlatformService.values()) {
                builder.serviceProperty(service, "quarkus.otel.exporter.otlp.endpoint", traces.endpoint())
                        .serviceProperty(service, "quarkus.otel.exporter.otlp.protocol", "http/protobuf")
                        .serviceProperty(service, "quarkus.otel.bsp.schedule.delay", "200ms");
            }
            PlatformSettings settings = builder
                    .serviceProperty(PlatformService.TENANT_SERVICE, "aleff.channels.public-base-url", PUBLIC_BASE_URL)
                    .build();
            try {
                return new Running(LocalPlatform.start(settings, new Progress(System.out)), model, channels, traces);
            } catch (RuntimeException e) {
                try (model; channels; traces) {
                    throw e;
                }
            }
        }

        @Override
        public void close() {
            try (model; channels; traces) {
                platform.close();
            }
        }

        private static ResponseDefinitionBuilder json(String body) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        }
    }
}
