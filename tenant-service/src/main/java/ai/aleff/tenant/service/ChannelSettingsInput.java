package ai.aleff.tenant.service;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.ChannelConnectionChanged.GroupBehaviour;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;

/** The administrator's settings of a connection. Absent fields mean the defaults. */
@Schema(name = "ChannelSettings", description = "Group behaviour and allow-lists; absent fields mean the defaults (MENTIONED, everyone allowed).")
public record ChannelSettingsInput(
        @Schema(description = "When the assistant answers in group chats: MENTIONED (mentioned or replied to; default), ALWAYS, NEVER (private chats only).", example = "MENTIONED") GroupBehaviour groups,
        @Schema(description = "Chat ids allowed to talk to the assistant (Telegram chat ids, negative for groups); empty: every chat. At most 1000 entries of at most 64 characters.", maxItems = ChannelSettingsInput.MAX_ENTRIES, example = "[\"-1001234567890\"]") @Size(max = ChannelSettingsInput.MAX_ENTRIES) List<@NotNull @Pattern(regexp = ChannelSettingsInput.PLATFORM_ID, message = ChannelSettingsInput.PLATFORM_ID_MESSAGE) String> allowedChats,
        @Schema(description = "Platform user ids allowed to talk to the assistant (Telegram user ids, WhatsApp wa_ids); empty: every user. At most 1000 entries of at most 64 characters.", maxItems = ChannelSettingsInput.MAX_ENTRIES, example = "[\"1111111\"]") @Size(max = ChannelSettingsInput.MAX_ENTRIES) List<@NotNull @Pattern(regexp = ChannelSettingsInput.PLATFORM_ID, message = ChannelSettingsInput.PLATFORM_ID_MESSAGE) String> allowedUsers,
        @Schema(description = "WhatsApp only, required there: the phone-number id of the business number (Meta's App Dashboard, WhatsApp > API Setup).", maxLength = 32, example = "106540352242922") @Pattern(regexp = "[0-9]{1,32}", message = "must be 1 to 32 digits") String phoneNumberId) {

    /** Most entries of one allow-list: ingress checks every message against them, and they travel in every record. */
    public static final int MAX_ENTRIES = 1000;
    /** A platform id: digits with an optional minus (Telegram group chats), at most 64 characters. */
    static final String PLATFORM_ID = "-?[0-9]{1,63}";
    static final String PLATFORM_ID_MESSAGE = "must be a platform id: digits with an optional leading minus, at most 64 characters";

    Settings settings() {
        return new Settings(groups, allowedChats, allowedUsers, phoneNumberId);
    }
}
