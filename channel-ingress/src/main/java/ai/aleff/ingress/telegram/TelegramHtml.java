package ai.aleff.ingress.telegram;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Escaping for Telegram's {@code parse_mode=HTML}: text escapes {@code < > &}, attributes also {@code "}, and
 * links are kept only for schemes Telegram opens safely. Everything else becomes plain escaped text, so model
 * output such as {@code <script>} or {@code javascript:} links can never turn into markup.
 */
public final class TelegramHtml {

    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "tg", "mailto");

    private TelegramHtml() {
    }

    /** {@code text} with {@code & < >} replaced by entities. */
    public static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} escaped for a double-quoted attribute. */
    public static String escapeAttribute(String value) {
        return escapeText(value).replace("\"", "&quot;");
    }

    /** An {@code <a href>} tag for a safe link, or empty when the URL's scheme is not allowed or it does not parse. */
    public static Optional<String> link(String url, String label) {
        if (url == null || url.isBlank() || url.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            return Optional.empty();
        }
        try {
            String scheme = new URI(url.strip()).getScheme();
            if (scheme == null || !SAFE_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of("<a href=\"" + escapeAttribute(url.strip()) + "\">" + escapeText(label) + "</a>");
    }

    /** The length Telegram counts against its 4096 limit: UTF-16 code units (Java {@code String.length}). */
    public static int telegramLength(String plainText) {
        return plainText.length();
    }
}
