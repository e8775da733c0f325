package ai.aleff.tenant.service;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The credentials an administrator gives (write-only: stored encrypted, never shown again). The secrets the platform
 * generates (Telegram's webhook secret, WhatsApp's verify token) are not accepted here.
 */
@Schema(name = "ChannelCredentials", description = "Write-only: stored encrypted, answered only as a four-character hint. TELEGRAM needs botToken; WHATSAPP needs accessToken and appSecret; SLACK needs botToken (xoxb-) and signingSecret, and appToken (xapp-) in SOCKET_MODE; DISCORD needs botToken and applicationId, and publicKey in WEBHOOK mode (optional in GATEWAY).")
public record ChannelCredentialsInput(
        @Schema(description = "TELEGRAM: the bot token from @BotFather. SLACK: the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page. DISCORD: the bot's token (Developer Portal, Bot, Reset Token).", writeOnly = true, example = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0") @Pattern(regexp = "[0-9]{1,20}:[A-Za-z0-9_-]{20,200}|xoxb-[A-Za-z0-9-]{10,250}|"
                + DISCORD_TOKEN, message = "must be a Telegram bot token (<bot id>:<secret>, from @BotFather), a Slack bot token (xoxb-...) or a Discord bot token (three dot-separated parts)") String botToken,
        @Schema(description = "WHATSAPP: a (system user) access token with whatsapp_business_messaging permission.", writeOnly = true, maxLength = 2048) @Pattern(regexp = "[\\x21-\\x7E]{16,2048}", message = "must be 16 to 2048 printable ASCII characters without spaces") String accessToken,
        @Schema(description = "WHATSAPP: the Meta app secret that signs webhooks (X-Hub-Signature-256).", writeOnly = true, maxLength = 256) @Pattern(regexp = "[\\x21-\\x7E]{8,256}", message = "must be 8 to 256 printable ASCII characters without spaces") String appSecret,
        @Schema(description = "SLACK: the app's Signing Secret (Basic Information, App Credentials) that signs Events API requests (X-Slack-Signature).", writeOnly = true, maxLength = 128) @Pattern(regexp = "[0-9a-fA-F]{16,128}", message = "must be the Slack app's signing secret (hex digits, from Basic Information)") String signingSecret,
        @Schema(description = "SLACK in SOCKET_MODE: an app-level token (xapp-...) with the connections:write scope.", writeOnly = true, maxLength = 256) @Pattern(regexp = "xapp-[A-Za-z0-9-]{10,250}", message = "must be a Slack app-level token (xapp-..., with connections:write)") String appToken,
        @Schema(description = "DISCORD: the application's Public Key (Developer Portal, General Information): 64 hex digits, the Ed25519 key that verifies interactions (X-Signature-Ed25519).", writeOnly = true, example = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a") @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the Discord application's public key (64 hex digits, from General Information)") String publicKey,
        @Schema(description = "DISCORD: the Application ID (Developer Portal, General Information), which interaction follow-ups name.", writeOnly = true, example = "1170000000000000000") @Pattern(regexp = "[0-9]{15,20}", message = "must be the Discord application id (15 to 20 digits, from General Information)") String applicationId) {

    /** A Discord bot token: three base64url parts separated by dots. */
    static final String DISCORD_TOKEN = "[A-Za-z0-9_-]{18,100}\\.[A-Za-z0-9_-]{4,20}\\.[A-Za-z0-9_-]{20,100}";

    boolean isEmpty() {
        return botToken == null && accessToken == null && appSecret == null && signingSecret == null
                && appToken == null && publicKey == null && applicationId == null;
    }
}
