package ai.aleff.tenant.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.tenant.discord.DiscordRestApi;
import ai.aleff.tenant.slack.SlackWebApi;
import ai.aleff.tenant.telegram.TelegramBotApi;

/**
 * What a connection needs at its platform before it is stored. Telegram: the token checked ({@code getMe}, which also
 * gives the bot's id and username for mention and own-message detection), then the webhook registered with our
 * secret token (WEBHOOK) or removed so that {@code getUpdates} works (POLLING: Telegram answers 409 to polling while
 * a webhook is set).
 */
@ApplicationScoped
public class ChannelRegistration {

    /**
     * The update types we ask for: what the normalisers handle. Everything else (inline queries, polls, member
     * changes) would only cost deliveries and dedupe rows.
     */
    static final List<String> TELEGRAM_UPDATES = List.of("message", "edited_message");

    private final TelegramBotApi telegram;
    private final SlackWebApi slack;
    private final DiscordRestApi discord;

    public ChannelRegistration(TelegramBotApi telegram, SlackWebApi slack, DiscordRestApi discord) {
        this.telegram = telegram;
        this.slack = slack;
        this.discord = discord;
    }

    /**
     * Discord: the bot token checked with {@code GET /users/@me} (the bot user id and username become the account),
     * then the application's global {@code /ask} command created or updated (Discord overwrites a command of the same
     * name and leaves the application's other commands alone), which also proves the application id is the bot's.
     * The administrator pastes the webhook URL as the Interactions Endpoint URL; Discord checks it with a signed PING.
     */
    Uni<Account> registerDiscord(String botToken, String applicationId) {
        return discord.me(botToken).chain(bot -> discord.registerAsk(botToken, applicationId)
                .replaceWith(new Account(bot.userId(), bot.username())));
    }

    /**
     * Slack: the bot token checked with {@code auth.test}, which gives the bot user id (our own messages) and the
     * bot id; in Socket Mode ({@code appToken} not null) the app-level token too, with {@code apps.connections.open},
     * so a wrong one is refused now rather than found by channel-ingress when it opens the socket. Nothing is
     * registered: the Events API URL is pasted into the app's settings by the administrator.
     */
    Uni<Account> registerSlack(String botToken, String appToken) {
        Uni<Account> account = slack.authTest(botToken).map(bot -> new Account(bot.userId(), bot.botId()));
        return appToken == null
                ? account
                : account.call(() -> slack.connectionsOpen(appToken));
    }

    /**
     * What {@code type} needs at its platform; the account it resolves to (WhatsApp: the number, unchecked).
     * {@code appToken} is a Slack Socket Mode app's app-level token, null otherwise.
     */
    Uni<Account> register(Type type, String botToken, Mode mode, String webhookUrl, String webhookSecret,
            Settings settings, String applicationId, String appToken) {
        return switch (type) {
            case TELEGRAM -> registerTelegram(botToken, mode, webhookUrl, webhookSecret);
            case SLACK -> registerSlack(botToken, mode == Mode.SOCKET_MODE ? appToken : null);
            case DISCORD -> registerDiscord(botToken, applicationId);
            case WHATSAPP -> Uni.createFrom().item(new Account(settings.phoneNumberId(), null));
        };
    }

    Uni<Account> registerTelegram(String token, Mode mode, String webhookUrl, String webhookSecret) {
        return telegram.getMe(token).chain(bot -> (mode == Mode.WEBHOOK
                ? telegram.setWebhook(token, webhookUrl, webhookSecret, TELEGRAM_UPDATES)
                : telegram.deleteWebhook(token)).replaceWith(new Account(bot.id(), bot.username())));
    }

    /** Best effort after a deletion: a failure leaves a webhook that ingress answers with 404 for an unknown id. */
    Uni<Void> unregisterTelegram(String token) {
        return telegram.deleteWebhook(token).onFailure().recoverWithNull();
    }
}
