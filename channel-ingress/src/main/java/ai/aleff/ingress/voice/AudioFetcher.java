package ai.aleff.ingress.voice;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.json.JsonObject;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;

/**
 * Downloads a voice note from its platform. Telegram: {@code getFile} gives the {@code file_path}, the file is at
 * {@code <api>/file/bot<token>/<file_path>}. WhatsApp: {@code GET <graph>/<media-id>} with the bearer token gives a
 * short-lived {@code url}, downloaded with the same token. Both are capped at {@link VoiceSettings#maxBytes()}
 * (announced size first, then while reading).
 */
@ApplicationScoped
public class AudioFetcher {

    private final ChannelConnections connections;
    private final VoiceHttp http;
    private final VoiceSettings settings;
    private final String telegramBase;
    private final String graphBase;

    public AudioFetcher(ChannelConnections connections, VoiceHttp http, VoiceSettings settings,
            @ConfigProperty(name = "aleff.channels.telegram.api-base-url", defaultValue = "https://api.telegram.org") String telegramBase,
            @ConfigProperty(name = "aleff.channels.whatsapp.graph-base-url", defaultValue = "https://graph.facebook.com/v21.0") String graphBase) {
        this.connections = connections;
        this.http = http;
        this.settings = settings;
        this.telegramBase = trim(settings.telegramApiBaseUrl().orElse(telegramBase));
        this.graphBase = trim(settings.whatsappGraphBaseUrl().orElse(graphBase));
    }

    public Audio fetch(ChannelConnection connection, VoiceNote note) {
        return "telegram".equals(note.channel()) ? telegram(connection, note) : whatsapp(connection, note);
    }

    private Audio telegram(ChannelConnection connection, VoiceNote note) {
        String token = connections.credential(connection, ChannelConnectionChanged.BOT_TOKEN);
        JsonObject answer = http.getJson("telegram getFile",
                URI.create(telegramBase + "/bot" + token + "/getFile?file_id=" + encode(note.fileId())), null);
        JsonObject file = answer.getJsonObject("result");
        String path = file == null ? null : file.getString("file_path");
        if (!answer.getBoolean("ok", false) || path == null || !filePath(path)) {
            throw new VoiceFailure("telegram getFile: no usable file_path", false);
        }
        Long size = file.getLong("file_size");
        if (size != null && size > settings.maxBytes()) {
            throw new AudioTooLargeException(settings.maxBytes());
        }
        byte[] bytes = http.download("telegram file download",
                URI.create(telegramBase + "/file/bot" + token + "/" + path), null, settings.maxBytes());
        return new Audio(bytes, note.mimeType() == null ? "audio/ogg" : note.mimeType());
    }

    private Audio whatsapp(ChannelConnection connection, VoiceNote note) {
        String bearer = "Bearer " + connections.credential(connection, ChannelConnectionChanged.ACCESS_TOKEN);
        JsonObject media = http.getJson("whatsapp media", URI.create(graphBase + "/" + encode(note.fileId())),
                bearer);
        Long size = media.getLong("file_size");
        if (size != null && size > settings.maxBytes()) {
            throw new AudioTooLargeException(settings.maxBytes());
        }
        URI url = mediaUrl(media.getString("url"));
        byte[] bytes = http.download("whatsapp media download", url, bearer, settings.maxBytes());
        String mime = media.getString("mime_type", note.mimeType());
        return new Audio(bytes, mime == null ? "audio/ogg" : mime);
    }

    /** Meta's media URL must be an absolute http(s) URL: the token goes with it, so nothing else is followed. */
    static URI mediaUrl(String value) {
        try {
            URI uri = value == null ? null : URI.create(value);
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (scheme.equals("https") || scheme.equals("http"))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // handled below
        }
        throw new VoiceFailure("whatsapp media: no usable url", false);
    }

    /** Telegram's file paths look like {@code voice/file_12.oga}: no traversal, no query, no scheme. */
    static boolean filePath(String path) {
        return path.matches("[A-Za-z0-9_./-]{1,512}") && !path.contains("..") && !path.startsWith("/");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
