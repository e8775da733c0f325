package ai.aleff.ingress.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ai.aleff.ingress.delivery.MessageSplitter;

/**
 * The model's reply as Discord message contents. Discord renders Markdown itself (bold, italics, strike, code, fenced
 * blocks, headings, lists, masked links), so the text is kept as the model wrote it; only {@code @everyone} and
 * {@code @here} get a zero-width space after the {@code @}, so they show as written but are no mention even where
 * {@code allowed_mentions} would not apply (a copy, a quote). Parts are cut at Discord's 2,000 characters (counted
 * in UTF-16 units, never fewer than Discord counts) and at most {@code maxLines} lines, at line ends; a fenced code
 * block open at a cut is closed at the end of the part and reopened (with its language) at the start of the next, so
 * every part renders. A line longer than a part is cut at its last space that fits.
 */
public final class DiscordText {

    /** Discord's limit for a message's {@code content}. */
    public static final int LIMIT = 2000;

    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
    private static final String CLOSE = "\n```";

    private DiscordText() {
    }

    /** {@code @everyone} and {@code @here} made inert. */
    public static String neutralise(String text) {
        return MASS_MENTION.matcher(text).replaceAll("@\u200B$1");
    }

    /** The reply's parts, each within {@link #LIMIT} and {@code maxLines}. */
    public static List<String> parts(String markdown, int maxLines) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int lines = 0;
        String fence = null;
        for (String line : lines(neutralise(markdown).strip())) {
            boolean fenceLine = line.stripLeading().startsWith("```");
            boolean closing = fenceLine && fence != null;
            // Inside a block (or opening one) the part must keep room to be closed; the closing line is that room.
            int reserve = (fence != null) != fenceLine ? CLOSE.length() : 0;
            int needed = (part.isEmpty() ? 0 : 1) + line.length() + reserve;
            boolean full = part.length() + needed > LIMIT || lines + 1 > maxLines && !closing;
            if (!part.isEmpty() && full) {
                if (fence != null) {
                    part.append(CLOSE);
                }
                parts.add(part.toString());
                part.setLength(0);
                lines = 0;
                if (fence != null) {
                    part.append(fence);
                    lines = 1;
                }
            }
            if (!part.isEmpty()) {
                part.append('\n');
            }
            part.append(line);
            lines++;
            if (fenceLine) {
                fence = fence == null ? reopening(line) : null;
            }
        }
        if (!part.toString().isBlank()) {
            if (fence != null) {
                part.append(CLOSE);
            }
            parts.add(part.toString());
        }
        return parts;
    }

    /** The fence that reopens a block at the start of the next part: its language only when it is a plain name. */
    private static String reopening(String fenceLine) {
        String language = fenceLine.strip().substring(3).strip();
        return language.matches("[A-Za-z0-9_+#.-]{1,32}") ? "```" + language : "```";
    }

    /**
     * The text's lines, each short enough to fit a part with a fence opened before it and closed after it; longer
     * lines are cut at spaces (or, without one, anywhere but inside a surrogate pair).
     */
    private static List<String> lines(String text) {
        int room = LIMIT - 2 * CLOSE.length() - 40;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (stripped.length() <= room) {
                lines.add(stripped);
            } else {
                lines.addAll(MessageSplitter.splitPlain(stripped, room));
            }
        }
        return lines;
    }
}
