package ai.aleff.bench.faults;

import java.util.List;

/**
 * A fault injected while load runs: {@code phases} run one after another, each held for a stretch of the load; then
 * {@code heal} ends the fault (a restart, or the model answering normally again) and returns once it has. The load
 * arrives on {@code channel}.
 */
public record Scenario(String name, List<Runnable> phases, Runnable heal, Channel channel) {

    /** Where the load comes from and where its replies are counted. */
    public enum Channel {
        /** {@code POST /v1/messages}; replies counted in the conversation view. */
        API,
        /** Signed Telegram webhooks; replies counted as sendMessage calls at the emulated Bot API. */
        TELEGRAM,
        /**
         * Updates waiting at the emulated Bot API's getUpdates for a bot in POLLING mode, served by two channel-ingress
         * processes; replies counted as sendMessage calls there.
         */
        TELEGRAM_POLLING,
        /** Signed WhatsApp webhooks, some batched; replies counted as /messages calls at the emulated Graph API. */
        WHATSAPP,
        /** Signed Slack Events API event_callbacks (DMs); replies counted as chat.postMessage calls at the Web API. */
        SLACK,
        /**
         * events_api envelopes pushed over the emulated Socket Mode WebSocket to an app served by two channel-ingress
         * processes; replies counted as chat.postMessage calls at the Web API.
         */
        SLACK_SOCKET,
        /**
         * MESSAGE_CREATE dispatches of the emulated Discord Gateway to a bot served by two channel-ingress processes
         * (one holds its session, RESUMEd by the other after a kill); replies counted as channel messages
         * referencing each message at the emulated REST API.
         */
        DISCORD_GATEWAY
    }

    public Scenario {
        phases = List.copyOf(phases);
    }

    /** A fault under load on the HTTP API. */
    public Scenario(String name, List<Runnable> phases, Runnable heal) {
        this(name, phases, heal, Channel.API);
    }
}
