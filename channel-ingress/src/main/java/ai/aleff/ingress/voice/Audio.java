package ai.aleff.ingress.voice;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A downloaded voice note.
 *
 * @param mimeType as the platform reported it, e.g. {@code audio/ogg}
 */
public record Audio(byte[] bytes, String mimeType) {

    /**
     * Reads at most {@code limit} bytes, failing as soon as one more arrives: a platform that announces no size (or a
     * wrong one) cannot make us hold more than the limit.
     */
    public static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[(int) Math.min(limit + 1, 64 * 1024)];
        int length = 0;
        int read;
        while ((read = in.read(buffer, length, buffer.length - length)) != -1) {
            length += read;
            if (length > limit) {
                throw new AudioTooLargeException(limit);
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, (long) buffer.length * 2));
            }
        }
        return Arrays.copyOf(buffer, length);
    }

    /** A file name with an extension the transcription endpoint recognises (OpenAI decides the format by it). */
    public String fileName() {
        String type = mimeType == null ? "" : mimeType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        return "voice." + switch (type) {
            case "audio/mpeg", "audio/mp3" -> "mp3";
            case "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac" -> "m4a";
            case "audio/wav", "audio/x-wav" -> "wav";
            case "audio/webm" -> "webm";
            case "audio/amr" -> "amr";
            default -> "ogg";
        };
    }
}
