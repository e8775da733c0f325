package ai.aleff.tenant.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.rest.Problem.FieldError;
import ai.aleff.platform.rest.ProblemException;

/**
 * The rules of each connection type that bean validation cannot say: which credentials and settings a type takes,
 * which mode it may use, and that webhooks need the operator's public HTTPS URL. Field errors are collected into one
 * {@link InvalidChannelConnectionException}; a missing public URL is the platform's state, not the request's, so it
 * is a 409.
 */
final class ChannelConnectionRules {

    static final int MAX_DISPLAY_NAME = 200;

    private ChannelConnectionRules() {
    }

    /** What a valid request resolves to. */
    record Resolved(String displayName, Mode mode, Settings settings) {
    }

    static Resolved connect(ChannelConnectionInput input, boolean hasPublicUrl, boolean publicUrlIsHttps) {
        List<FieldError> errors = new ArrayList<>();
        String name = displayName(input.displayName(), errors);
        Mode mode = input.mode() != null ? input.mode() : defaultMode(input.type(), hasPublicUrl);
        credentials(input.type(), input.credentials(), true, errors);
        Settings settings = settings(input.type(), input.settings(), errors);
        mode(input.type(), mode, errors);
        throwIfAny(errors);
        requireAppToken(input.type(), mode, input.credentials().appToken() != null);
        requirePublicKey(input.type(), mode, input.credentials().publicKey() != null);
        requirePublicUrl(input.type(), mode, hasPublicUrl, publicUrlIsHttps);
        return new Resolved(name, mode, settings);
    }

    static Resolved update(Type type, Mode currentMode, ChannelConnectionUpdate input, boolean hasPublicUrl,
            boolean publicUrlIsHttps) {
        List<FieldError> errors = new ArrayList<>();
        if (input.type() != null && input.type() != type) {
            errors.add(new FieldError("type", "a connection's type cannot change (it is " + type
                    + "); delete it and connect a new one"));
        }
        String name = displayName(input.displayName(), errors);
        if (input.credentials() != null) {
            credentials(type, input.credentials(), false, errors);
        }
        Settings settings = settings(type, input.settings(), errors);
        Mode mode = input.mode() == null ? currentMode : input.mode();
        mode(type, mode, errors);
        throwIfAny(errors);
        requirePublicUrl(type, mode, hasPublicUrl, publicUrlIsHttps);
        return new Resolved(name, mode, settings);
    }

    /**
     * Without a mode: webhooks where the platform can reach us; else Telegram polls, Slack holds a Socket Mode
     * connection and Discord a Gateway session (the local run has no public URL). WhatsApp only pushes.
     */
    private static Mode defaultMode(Type type, boolean hasPublicUrl) {
        if (type == Type.WHATSAPP || hasPublicUrl) {
            return Mode.WEBHOOK;
        }
        return switch (type) {
            case SLACK -> Mode.SOCKET_MODE;
            case DISCORD -> Mode.GATEWAY;
            default -> Mode.POLLING;
        };
    }

    private static String displayName(String value, List<FieldError> errors) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("displayName", "must be 1 to " + MAX_DISPLAY_NAME
                    + " characters after trimming, without control characters"));
        }
        return name;
    }

    private static void credentials(Type type, ChannelCredentialsInput credentials, boolean required,
            List<FieldError> errors) {
        if (type == Type.TELEGRAM) {
            if (required && credentials.botToken() == null) {
                errors.add(new FieldError("credentials.botToken", "a TELEGRAM connection needs the bot token"));
            }
            if (credentials.botToken() != null && credentials.botToken().startsWith("xoxb-")) {
                errors.add(new FieldError("credentials.botToken", "a Slack token, not a Telegram bot token"));
            }
            refuse(credentials.accessToken(), "credentials.accessToken", type, errors);
            refuse(credentials.appSecret(), "credentials.appSecret", type, errors);
            if (credentials.botToken() != null
                    && credentials.botToken().matches(ChannelCredentialsInput.DISCORD_TOKEN)) {
                errors.add(new FieldError("credentials.botToken", "a Discord token, not a Telegram bot token"));
            }
            refuse(credentials.signingSecret(), "credentials.signingSecret", type, errors);
            refuse(credentials.appToken(), "credentials.appToken", type, errors);
            refuseDiscord(credentials, type, errors);
        } else if (type == Type.SLACK) {
            slackCredentials(credentials, required, errors);
            refuseDiscord(credentials, type, errors);
        } else if (type == Type.DISCORD) {
            discordCredentials(credentials, required, errors);
        } else {
            if (required && credentials.accessToken() == null) {
                errors.add(new FieldError("credentials.accessToken", "a WHATSAPP connection needs an access token"));
            }
            if (required && credentials.appSecret() == null) {
                errors.add(new FieldError("credentials.appSecret", "a WHATSAPP connection needs the app secret"));
            }
            refuse(credentials.botToken(), "credentials.botToken", type, errors);
            refuse(credentials.signingSecret(), "credentials.signingSecret", type, errors);
            refuse(credentials.appToken(), "credentials.appToken", type, errors);
            refuseDiscord(credentials, type, errors);
        }
    }

    /**
     * Discord: the bot token (the REST API's {@code Authorization: Bot}, the Gateway's IDENTIFY) and the application's
     * id (names the interaction webhooks and the {@code /ask} command) always; the application's public key (verifies
     * interactions) is checked against the mode by {@link #requirePublicKey}: WEBHOOK needs it, GATEWAY does not.
     */
    private static void discordCredentials(ChannelCredentialsInput credentials, boolean required,
            List<FieldError> errors) {
        if (required && credentials.botToken() == null) {
            errors.add(new FieldError("credentials.botToken", "a DISCORD connection needs the bot token"));
        }
        if (credentials.botToken() != null && !credentials.botToken().matches(ChannelCredentialsInput.DISCORD_TOKEN)) {
            errors.add(new FieldError("credentials.botToken", "a DISCORD connection needs a Discord bot token "
                    + "(three dot-separated parts, from the Developer Portal's Bot page)"));
        }
        if (required && credentials.applicationId() == null) {
            errors.add(new FieldError("credentials.applicationId",
                    "a DISCORD connection needs the application id (General Information)"));
        }
        refuse(credentials.accessToken(), "credentials.accessToken", Type.DISCORD, errors);
        refuse(credentials.appSecret(), "credentials.appSecret", Type.DISCORD, errors);
        refuse(credentials.signingSecret(), "credentials.signingSecret", Type.DISCORD, errors);
        refuse(credentials.appToken(), "credentials.appToken", Type.DISCORD, errors);
    }

    private static void refuseDiscord(ChannelCredentialsInput credentials, Type type, List<FieldError> errors) {
        refuse(credentials.publicKey(), "credentials.publicKey", type, errors);
        refuse(credentials.applicationId(), "credentials.applicationId", type, errors);
    }

    /** Slack: a bot token (xoxb-) and the signing secret always; the app token is checked against the mode. */
    private static void slackCredentials(ChannelCredentialsInput credentials, boolean required,
            List<FieldError> errors) {
        if (required && credentials.botToken() == null) {
            errors.add(new FieldError("credentials.botToken", "a SLACK connection needs the bot token (xoxb-...)"));
        }
        if (credentials.botToken() != null && !credentials.botToken().startsWith("xoxb-")) {
            errors.add(new FieldError("credentials.botToken", "a SLACK connection needs a bot token (xoxb-...), "
                    + "from the app's OAuth & Permissions page"));
        }
        if (required && credentials.signingSecret() == null) {
            errors.add(new FieldError("credentials.signingSecret",
                    "a SLACK connection needs the app's signing secret"));
        }
        refuse(credentials.accessToken(), "credentials.accessToken", Type.SLACK, errors);
        refuse(credentials.appSecret(), "credentials.appSecret", Type.SLACK, errors);
    }

    /** Socket Mode opens its connection with the app-level token: one given now or one stored already. */
    static void requireAppToken(Type type, Mode mode, boolean hasAppToken) {
        if (type == Type.SLACK && mode == Mode.SOCKET_MODE && !hasAppToken) {
            throw new InvalidChannelConnectionException(List.of(new FieldError("credentials.appToken",
                    "SOCKET_MODE needs an app-level token (xapp-..., scope connections:write)")));
        }
    }

    /** Interactions are verified with the application's public key: one given now or one stored already. */
    static void requirePublicKey(Type type, Mode mode, boolean hasPublicKey) {
        if (type == Type.DISCORD && mode == Mode.WEBHOOK && !hasPublicKey) {
            throw new InvalidChannelConnectionException(List.of(new FieldError("credentials.publicKey",
                    "a DISCORD connection in WEBHOOK mode needs the application's public key (General Information)")));
        }
    }

    private static Settings settings(Type type, ChannelSettingsInput input, List<FieldError> errors) {
        Settings settings = input == null ? Settings.defaults() : input.settings();
        if (type == Type.WHATSAPP && settings.phoneNumberId() == null) {
            errors.add(new FieldError("settings.phoneNumberId", "a WHATSAPP connection needs its phone-number id"));
        }
        if (type != Type.WHATSAPP && settings.phoneNumberId() != null) {
            errors.add(new FieldError("settings.phoneNumberId", "only WHATSAPP connections have one"));
        }
        return settings;
    }

    private static void mode(Type type, Mode mode, List<FieldError> errors) {
        if (type == Type.WHATSAPP && mode != Mode.WEBHOOK) {
            errors.add(new FieldError("mode", "WhatsApp only pushes (WEBHOOK); it has no polling"));
        }
        if (type == Type.TELEGRAM && (mode == Mode.SOCKET_MODE || mode == Mode.GATEWAY)) {
            errors.add(new FieldError("mode", mode + " is not Telegram's; Telegram uses WEBHOOK or POLLING"));
        }
        if (type == Type.DISCORD && mode != Mode.WEBHOOK && mode != Mode.GATEWAY) {
            errors.add(new FieldError("mode", "Discord uses WEBHOOK (interactions at the Interactions Endpoint URL) "
                    + "or GATEWAY (we hold the bot's Gateway session: direct messages and mentions)"));
        }
        if (type == Type.SLACK && (mode == Mode.POLLING || mode == Mode.GATEWAY)) {
            errors.add(new FieldError("mode", "Slack uses WEBHOOK (Events API) or SOCKET_MODE"));
        }
    }

    private static void refuse(String value, String field, Type type, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, "not a credential of a " + type + " connection"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidChannelConnectionException(errors);
        }
    }

    private static void requirePublicUrl(Type type, Mode mode, boolean hasPublicUrl, boolean publicUrlIsHttps) {
        if (mode != Mode.WEBHOOK) {
            return;
        }
        if (!hasPublicUrl) {
            throw new ProblemException(Response.Status.CONFLICT, "This platform has no public URL "
                    + "(aleff.channels.public-base-url), so " + type + " cannot deliver webhooks to it."
                    + switch (type) {
                        case TELEGRAM -> " Use \"mode\": \"POLLING\", or ask the operator to set one.";
                        case SLACK -> " Use \"mode\": \"SOCKET_MODE\" (with an app-level token), or ask the "
                                + "operator to set one.";
                        case DISCORD -> " Use \"mode\": \"GATEWAY\", or ask the operator to set one.";
                        default -> " Ask the operator to set one.";
                    });
        }
        if (!publicUrlIsHttps) {
            throw new ProblemException(Response.Status.CONFLICT, "The platform's public URL "
                    + "(aleff.channels.public-base-url) is not https, and " + type + " delivers webhooks only over "
                    + "HTTPS." + switch (type) {
                        case TELEGRAM -> " Use \"mode\": \"POLLING\".";
                        case SLACK -> " Use \"mode\": \"SOCKET_MODE\".";
                        case DISCORD -> " Use \"mode\": \"GATEWAY\".";
                        default -> "";
                    });
        }
    }
}
