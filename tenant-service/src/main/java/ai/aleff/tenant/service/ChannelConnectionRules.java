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
        credentials(input.type(), input.credentials(), true, errors);
        Settings settings = settings(input.type(), input.settings(), errors);
        Mode mode = input.mode() != null
                ? input.mode()
                : input.type() == Type.WHATSAPP || hasPublicUrl ? Mode.WEBHOOK : Mode.POLLING;
        mode(input.type(), mode, errors);
        throwIfAny(errors);
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
            refuse(credentials.accessToken(), "credentials.accessToken", type, errors);
            refuse(credentials.appSecret(), "credentials.appSecret", type, errors);
        } else {
            if (required && credentials.accessToken() == null) {
                errors.add(new FieldError("credentials.accessToken", "a WHATSAPP connection needs an access token"));
            }
            if (required && credentials.appSecret() == null) {
                errors.add(new FieldError("credentials.appSecret", "a WHATSAPP connection needs the app secret"));
            }
            refuse(credentials.botToken(), "credentials.botToken", type, errors);
        }
    }

    private static Settings settings(Type type, ChannelSettingsInput input, List<FieldError> errors) {
        Settings settings = input == null ? Settings.defaults() : input.settings();
        if (type == Type.WHATSAPP && settings.phoneNumberId() == null) {
            errors.add(new FieldError("settings.phoneNumberId", "a WHATSAPP connection needs its phone-number id"));
        }
        if (type == Type.TELEGRAM && settings.phoneNumberId() != null) {
            errors.add(new FieldError("settings.phoneNumberId", "only WHATSAPP connections have one"));
        }
        return settings;
    }

    private static void mode(Type type, Mode mode, List<FieldError> errors) {
        if (type == Type.WHATSAPP && mode == Mode.POLLING) {
            errors.add(new FieldError("mode", "WhatsApp only pushes (WEBHOOK); it has no polling"));
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
                    + (type == Type.TELEGRAM
                            ? " Use \"mode\": \"POLLING\", or ask the operator to set one."
                            : " Ask the "
                                    + "operator to set one."));
        }
        if (!publicUrlIsHttps) {
            throw new ProblemException(Response.Status.CONFLICT, "The platform's public URL "
                    + "(aleff.channels.public-base-url) is not https, and " + type + " delivers webhooks only over "
                    + "HTTPS." + (type == Type.TELEGRAM ? " Use \"mode\": \"POLLING\"." : ""));
        }
    }
}
