package ai.aleff.tenant.service;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The credentials an administrator gives (write-only: stored encrypted, never shown again). The secrets the platform
 * generates (Telegram's webhook secret, WhatsApp's verify token) are not accepted here.
 */
@Schema(name = "ChannelCredentials", description = "Write-only: stored encrypted, answered only as a four-character hint. TELEGRAM needs botToken; WHATSAPP needs accessToken and appSecret.")
public record ChannelCredentialsInput(
        @Schema(description = "TELEGRAM: the bot token from @BotFather.", writeOnly = true, example = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0") @Pattern(regexp = "[0-9]{1,20}:[A-Za-z0-9_-]{20,200}", message = "must be a Telegram bot token (<bot id>:<secret>, from @BotFather)") String botToken,
        @Schema(description = "WHATSAPP: a (system user) access token with whatsapp_business_messaging permission.", writeOnly = true, maxLength = 2048) @Pattern(regexp = "[\\x21-\\x7E]{16,2048}", message = "must be 16 to 2048 printable ASCII characters without spaces") String accessToken,
        @Schema(description = "WHATSAPP: the Meta app secret that signs webhooks (X-Hub-Signature-256).", writeOnly = true, maxLength = 256) @Pattern(regexp = "[\\x21-\\x7E]{8,256}", message = "must be 8 to 256 printable ASCII characters without spaces") String appSecret) {

    boolean isEmpty() {
        return botToken == null && accessToken == null && appSecret == null;
    }
}
