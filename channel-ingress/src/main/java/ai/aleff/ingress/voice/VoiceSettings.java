package ai.aleff.ingress.voice;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Voice-note transcription (docs/channels.md, "Voice notes"). */
@ConfigMapping(prefix = "aleff.channels.voice")
public interface VoiceSettings {

    /** Whether this instance transcribes recorded voice notes (the webhook records them either way). */
    @WithDefault("true")
    boolean workerEnabled();

    /** Largest voice note fetched and transcribed, in bytes; a larger one is answered that it is too long. */
    @WithDefault("10485760")
    long maxBytes();

    /** Attempts per voice note (fetch and transcription) before the user is told it failed. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait after the first failed attempt; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("2s")
    Duration firstBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("2m")
    Duration maxBackoff();

    /** How long a claimed note is this instance's; longer than a fetch plus a transcription may take. */
    @WithDefault("3m")
    Duration lease();

    /** How often an idle worker looks for due notes. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Notes claimed at once by one instance. */
    @WithDefault("8")
    int batchSize();

    /**
     * Where Telegram files are fetched; absent: {@code aleff.channels.telegram.api-base-url}, like every Bot API call
     * (a separate key so an operator can route downloads through a proxy, and tests through the file emulator).
     */
    Optional<String> telegramApiBaseUrl();

    /** Where WhatsApp media metadata is fetched; absent: {@code aleff.channels.whatsapp.graph-base-url}. */
    Optional<String> whatsappGraphBaseUrl();

    /** Timeout of each HTTP call (file metadata, download, transcription). */
    @WithDefault("60s")
    Duration requestTimeout();
}
