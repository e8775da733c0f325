package ai.aleff.tenant.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.tenant.telegram.TelegramBotApi;

/**
 * What a Telegram connection needs at Telegram before it is stored: the token checked ({@code getMe}, which also
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

    public ChannelRegistration(TelegramBotApi telegram) {
        this.telegram = telegram;
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
