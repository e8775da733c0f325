package ai.aleff.ingress.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a reply's Markdown at its images ({@code ![alt](https://...)}), so each image can go as a photo of its own
 * and the text around it as text, in order. Only absolute {@code https} URLs with a host, without user info or
 * spaces, at most {@value #MAX_URL_LENGTH} characters, outside fenced code blocks, count; any other image stays in
 * the text (rendered as its link). Pure.
 */
public final class MarkdownImages {

    static final int MAX_URL_LENGTH = 2048;
    /** Telegram's caption limit is 1024 characters after entity parsing; the alt text is cut well within it. */
    static final int MAX_ALT_LENGTH = 1000;

    private static final Pattern FENCE = Pattern.compile("(?s)```.*?(```|\\z)");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]\\n]*)\\]\\((\\S+?)\\)");

    private MarkdownImages() {
    }

    /** A piece of the reply: text ({@code imageUrl} null) or one image with its alt text. */
    public record Segment(String text, String imageUrl) {

        public boolean image() {
            return imageUrl != null;
        }
    }

    /** The reply's pieces in order; blank text between images is dropped. */
    public static List<Segment> split(String markdown) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Matcher fence = FENCE.matcher(markdown);
        int at = 0;
        while (at < markdown.length()) {
            int fenceStart = fence.find(at) ? fence.start() : markdown.length();
            cut(markdown.substring(at, fenceStart), text, segments);
            if (fenceStart < markdown.length()) {
                text.append(markdown, fenceStart, fence.end());
                at = fence.end();
            } else {
                at = markdown.length();
            }
        }
        flush(text, segments);
        return segments;
    }

    private static void cut(String prose, StringBuilder text, List<Segment> segments) {
        Matcher image = IMAGE.matcher(prose);
        int at = 0;
        while (image.find()) {
            String url = image.group(2);
            if (!usable(url)) {
                continue;
            }
            text.append(prose, at, image.start());
            flush(text, segments);
            String alt = image.group(1).strip();
            segments.add(new Segment(alt.length() > MAX_ALT_LENGTH ? alt.substring(0, MAX_ALT_LENGTH) : alt, url));
            at = image.end();
        }
        text.append(prose, at, prose.length());
    }

    private static void flush(StringBuilder text, List<Segment> segments) {
        String t = text.toString().strip();
        if (!t.isEmpty()) {
            segments.add(new Segment(t, null));
        }
        text.setLength(0);
    }

    static boolean usable(String url) {
        if (url.length() > MAX_URL_LENGTH || url.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
