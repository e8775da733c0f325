package ai.aleff.ingress.voice;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

import ai.aleff.contracts.events.AssistantConfiguration.Transcription;
import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.EgressRefusedException;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretKeyMissingException;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * Posts a voice note to the tenant's OpenAI-compatible {@code <baseUrl>/audio/transcriptions} (multipart:
 * {@code file}, {@code model}, {@code response_format=json}) and returns the {@code text}. The tenant chose the URL,
 * so the egress guard checks it, resolved, before every call; the key is decrypted at its own place just for the call.
 */
@ApplicationScoped
public class TranscriptionClient {

    private final VoiceHttp http;
    private final EgressGuard egress;
    private final SecretCipher cipher;

    public TranscriptionClient(VoiceHttp http, EgressGuard egress, SecretCipher cipher) {
        this.http = http;
        this.egress = egress;
        this.cipher = cipher;
    }

    public String transcribe(String tenantId, Transcription transcription, Audio audio) {
        String base = transcription.baseUrl().endsWith("/")
                ? transcription.baseUrl().substring(0, transcription.baseUrl().length() - 1)
                : transcription.baseUrl();
        URI uri;
        try {
            uri = egress.resolve(base + "/audio/transcriptions").uri();
        } catch (EgressRefusedException e) {
            throw new VoiceFailure("transcription: " + e.getMessage(), true);
        }
        String authorization = null;
        if (transcription.apiKey() != null) {
            try {
                authorization = "Bearer " + cipher.decrypt(
                        SecretPlace.transcription(tenantId, transcription.model(), transcription.baseUrl()),
                        transcription.apiKey());
            } catch (SecretKeyMissingException | IllegalArgumentException e) {
                throw new VoiceFailure("transcription: the API key cannot be decrypted here", false);
            }
        }
        Multipart body = new Multipart().field("model", transcription.model())
                .field("response_format", "json")
                .file("file", audio.fileName(), audio.mimeType(), audio.bytes());
        JsonObject answer = http.postMultipart("transcription", uri, authorization, body);
        String text = answer.getValue("text") instanceof String s ? s : null;
        if (text == null) {
            throw new VoiceFailure("transcription: the answer has no text", false);
        }
        return text.strip();
    }
}
