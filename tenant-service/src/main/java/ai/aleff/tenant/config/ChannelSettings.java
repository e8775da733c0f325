package ai.aleff.tenant.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Channel connections (docs/channels.md, "Connections API"): operator settings, never tenant input. */
@ConfigMapping(prefix = "aleff.channels")
public interface ChannelSettings {

    /**
     * The public HTTPS base URL under which channel-ingress serves the webhooks ({@code /v1/channels/telegram/{id}},
     * {@code /v1/channels/whatsapp/{id}}, {@code /v1/channels/slack/{id}}, {@code /v1/channels/discord/{id}}). Unset (the local run): Telegram connections poll, and WhatsApp connections
     * and Telegram webhooks are refused with a problem saying why.
     */
    Optional<String> publicBaseUrl();

    /** Most connections one tenant may have (each is a bot or number the platform serves and registers). */
    @WithDefault("50")
    int maxConnectionsPerTenant();

    /** Telegram's Bot API. */
    Telegram telegram();

    /** Slack's Web API ({@code auth.test} when a Slack app is connected). */
    Slack slack();

    /** Discord's REST API ({@code GET /users/@me} when a Discord bot is connected). */
    Discord discord();

    interface Discord {

        /** Base URL of the REST API, with its version; a test points it at an emulator. */
        @WithDefault("https://discord.com/api/v10")
        String apiBaseUrl();

        /** How long to wait for a TCP (and TLS) connection to the API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a call may go without an answer before it counts as unreachable. */
        @WithDefault("10s")
        Duration requestTimeout();
    }

    interface Slack {

        /** Base URL of the Web API methods; a test points it at an emulator. */
        @WithDefault("https://slack.com/api")
        String apiBaseUrl();

        /** How long to wait for a TCP (and TLS) connection to the Web API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a Web API call may go without an answer before it counts as unreachable. */
        @WithDefault("10s")
        Duration requestTimeout();
    }

    interface Telegram {

        /** Base URL of the Bot API; a test points it at an emulator. */
        @WithDefault("https://api.telegram.org")
        String apiBaseUrl();

        /** How long to wait for a TCP (and TLS) connection to the Bot API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a Bot API call may go without an answer before it counts as unreachable. */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}
