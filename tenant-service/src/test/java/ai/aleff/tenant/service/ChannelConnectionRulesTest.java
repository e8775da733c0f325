package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;

class ChannelConnectionRulesTest {

    private static final ChannelCredentialsInput BOT = new ChannelCredentialsInput(
            "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0", null, null, null, null, null, null);
    private static final ChannelCredentialsInput WHATSAPP = new ChannelCredentialsInput(null,
            "EAAGaccesstoken0123456789", "appsecret0123", null, null, null, null);
    private static final ChannelCredentialsInput SLACK = new ChannelCredentialsInput(
            "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", null, null, "8f742231b10e8888abcd99aaabbb85a5",
            "xapp-1-A0123456789-1234567890123-abc123", null, null);
    private static final ChannelCredentialsInput DISCORD = new ChannelCredentialsInput(
            "MTE3MDAwMDAwMDAwMDAwMDAwMA.GabCdE.0123456789abcdefghijklmnopqrstuvwxyzABCD", null, null, null, null,
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "1170000000000000000");
    private static final ChannelSettingsInput NUMBER = new ChannelSettingsInput(null, null, null, "106540352242922");

    @Test
    void withoutAPublicUrlATelegramBotPollsByDefault() {
        // Given the local run (no public URL); When a bot is connected without a mode
        var resolved = ChannelConnectionRules.connect(telegram(null), false, false);

        // Then it polls, with the default settings
        assertThat(resolved.mode()).isEqualTo(Mode.POLLING);
        assertThat(resolved.settings().allowedChats()).isEmpty();
    }

    @Test
    void withAPublicUrlATelegramBotGetsAWebhookByDefault() {
        assertThat(ChannelConnectionRules.connect(telegram(null), true, true).mode()).isEqualTo(Mode.WEBHOOK);
    }

    @Test
    void aWebhookWithoutAPublicHttpsUrlIsAConflictSayingWhy() {
        // When a webhook is asked for without a public URL, or with a plain-http one, Then 409 says why
        assertThatThrownBy(() -> ChannelConnectionRules.connect(telegram(Mode.WEBHOOK), false, false))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status().getStatusCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("aleff.channels.public-base-url").contains("POLLING");
                });
        assertThatThrownBy(() -> ChannelConnectionRules.connect(telegram(Mode.WEBHOOK), true, false))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getMessage()).contains("HTTPS"));
        // And WhatsApp, which only pushes, needs one whatever the mode
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.WHATSAPP, "Line",
                null, NUMBER, WHATSAPP), false, false)).isInstanceOf(ProblemException.class);
    }

    @Test
    void eachTypeTakesOnlyItsOwnCredentialsAndSettings() {
        // When a WhatsApp connection polls, lacks its number and carries a bot token
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.WHATSAPP, "Line",
                Mode.POLLING, null, new ChannelCredentialsInput(BOT.botToken(), null, null, null, null, null, null)),
                true, true))
                // Then every broken rule is named
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field())
                        .containsExactlyInAnyOrder("credentials.accessToken", "credentials.appSecret",
                                "credentials.botToken", "settings.phoneNumberId", "mode"));
    }

    @Test
    void anUpdateKeepsTheModeWhenAbsentAndNeverChangesTheType() {
        var kept = ChannelConnectionRules.update(Type.TELEGRAM, Mode.POLLING,
                new ChannelConnectionUpdate(null, "Renamed", null, null, null), false, false);
        assertThat(kept.mode()).isEqualTo(Mode.POLLING);
        assertThat(kept.displayName()).isEqualTo("Renamed");

        assertThatThrownBy(() -> ChannelConnectionRules.update(Type.TELEGRAM, Mode.POLLING,
                new ChannelConnectionUpdate(Type.WHATSAPP, "x", null, null, null), false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class,
                        e -> assertThat(e.errors()).extracting(error -> error.field()).containsExactly("type"));
    }

    @Test
    void displayNamesAreTrimmedBoundedAndFreeOfControlCharacters() {
        assertThat(ChannelConnectionRules.connect(new ChannelConnectionInput(Type.TELEGRAM, "  Bot  ", null, null,
                BOT), false, false).displayName()).isEqualTo("Bot");
        for (String name : List.of("   ", "x".repeat(201), "a\u0007b")) {
            assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.TELEGRAM, name,
                    null, null, BOT), false, false)).as(name).isInstanceOf(InvalidChannelConnectionException.class);
        }
    }

    @Test
    void generatedIdsAndSecretsAreRandomBase64UrlOfTheContractsLength() {
        assertThat(ChannelSecrets.newConnectionId()).matches("[A-Za-z0-9_-]{22}")
                .isNotEqualTo(ChannelSecrets.newConnectionId());
        // Telegram's secret_token alphabet, 1-256 characters
        assertThat(ChannelSecrets.newSecret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(ChannelSecrets.hint("123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0")).isEqualTo("m9T0");
        assertThat(ChannelSecrets.hint("short")).isNull();
    }

    @Test
    void withoutAPublicUrlASlackAppUsesSocketModeAndNeedsItsAppToken() {
        // Given the local run; When a Slack app with an app token is connected without a mode
        var resolved = ChannelConnectionRules.connect(new ChannelConnectionInput(Type.SLACK, "Team", null, null,
                SLACK), false, false);
        // Then it holds a Socket Mode connection
        assertThat(resolved.mode()).isEqualTo(Mode.SOCKET_MODE);
        // And without the app token Socket Mode is refused, naming the field
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.SLACK, "Team",
                Mode.SOCKET_MODE, null, new ChannelCredentialsInput(SLACK.botToken(), null, null,
                        SLACK.signingSecret(), null, null, null)),
                false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactly("credentials.appToken"));
        // And with a public URL the Events API is the default
        assertThat(ChannelConnectionRules.connect(new ChannelConnectionInput(Type.SLACK, "Team", null, null, SLACK),
                true, true).mode()).isEqualTo(Mode.WEBHOOK);
    }

    @Test
    void aSlackConnectionRefusesOtherPlatformsCredentialsAndPolling() {
        // When a Slack connection carries a Telegram token, WhatsApp's secret and asks to poll
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.SLACK, "Team",
                Mode.POLLING, null,
                new ChannelCredentialsInput(BOT.botToken(), null, "appsecret0123", null, null, null, null)),
                false, false))
                // Then every broken rule is named
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("credentials.botToken",
                                "credentials.signingSecret", "credentials.appSecret", "mode"));
        // And a Telegram connection refuses a Slack token and Socket Mode
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.TELEGRAM, "Bot",
                Mode.SOCKET_MODE, null, SLACK), false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).contains("credentials.botToken", "mode",
                                "credentials.signingSecret", "credentials.appToken"));
    }

    @Test
    void aDiscordBotTakesOnlyItsThreeCredentialsAndIsAWebhookWhereThePlatformHasAPublicUrl() {
        // Given the platform's public URL; When a Discord bot is connected without a mode
        var resolved = ChannelConnectionRules.connect(new ChannelConnectionInput(Type.DISCORD, "Community", null,
                null, DISCORD), true, true);
        // Then its interactions arrive at the webhook URL
        assertThat(resolved.mode()).isEqualTo(Mode.WEBHOOK);
        // And polling, a Slack token and a missing application id are each named
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.DISCORD,
                "Community", Mode.POLLING, null, new ChannelCredentialsInput(SLACK.botToken(), null, null,
                        SLACK.signingSecret(), null, null, null)),
                true, true))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("credentials.botToken",
                                "credentials.applicationId", "credentials.signingSecret", "mode"));
        // And a WEBHOOK connection without the public key (which verifies interactions) names it
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.DISCORD,
                "Community", Mode.WEBHOOK, null, new ChannelCredentialsInput(DISCORD.botToken(), null, null, null,
                        null, null, DISCORD.applicationId())),
                true, true))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactly("credentials.publicKey"));
        // And a Telegram connection refuses Discord's token and key
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.TELEGRAM, "Bot",
                Mode.POLLING, null, DISCORD), false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).contains("credentials.botToken",
                                "credentials.publicKey", "credentials.applicationId"));
    }

    @Test
    void withoutAPublicUrlADiscordBotUsesTheGatewayAndItsInteractionsAreRefusedWithAConflict() {
        // When a Discord bot is connected on a platform without a public URL, without a mode and without public key
        var resolved = ChannelConnectionRules.connect(new ChannelConnectionInput(Type.DISCORD, "Community", null,
                null, new ChannelCredentialsInput(DISCORD.botToken(), null, null, null, null, null,
                        DISCORD.applicationId())),
                false, false);
        // Then we hold its Gateway session (nothing has to reach us), and the public key is not needed
        assertThat(resolved.mode()).isEqualTo(Mode.GATEWAY);
        // And asking for interactions (WEBHOOK) there is the platform's state, not the request's: a 409
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.DISCORD,
                "Community", Mode.WEBHOOK, null, DISCORD), false, false))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.status().getStatusCode()).isEqualTo(409));
        // And GATEWAY is Discord's only: Slack and Telegram refuse it, naming the mode
        assertThatThrownBy(() -> ChannelConnectionRules.connect(new ChannelConnectionInput(Type.SLACK, "Team",
                Mode.GATEWAY, null, SLACK), false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).contains("mode"));
        assertThatThrownBy(() -> ChannelConnectionRules.connect(telegram(Mode.GATEWAY), false, false))
                .isInstanceOfSatisfying(InvalidChannelConnectionException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactly("mode"));
    }

    private static ChannelConnectionInput telegram(Mode mode) {
        return new ChannelConnectionInput(Type.TELEGRAM, "Support bot", mode, null, BOT);
    }
}
