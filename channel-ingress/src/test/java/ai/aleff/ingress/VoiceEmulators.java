package ai.aleff.ingress;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.TelegramFilesApi;
import ai.aleff.testkit.channels.TranscriptionApi;
import ai.aleff.testkit.channels.WhatsAppMediaApi;

/** The emulated Telegram file API, WhatsApp media API and transcription endpoint for voice notes. */
public class VoiceEmulators implements QuarkusTestResourceLifecycleManager {

    static TelegramFilesApi files;
    static WhatsAppMediaApi media;
    static TranscriptionApi transcription;

    @Override
    public Map<String, String> start() {
        files = TelegramFilesApi.start();
        media = WhatsAppMediaApi.start();
        transcription = TranscriptionApi.start();
        return Map.of("aleff.channels.voice.telegram-api-base-url", files.baseUrl(),
                "aleff.channels.voice.whatsapp-graph-base-url", media.baseUrl());
    }

    @Override
    public void stop() {
        files.close();
        media.close();
        transcription.close();
    }
}
