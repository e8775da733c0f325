package ai.aleff.ingress.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Markdown models write, parsed into blocks and inline runs that each channel renders in its own
 * format. Parsing never fails: whatever is not recognised (unbalanced {@code **}, a lone backtick, HTML) stays text,
 * and a styled run is only produced from a matched pair, so every renderer's output is balanced by construction.
 */
public final class Markdown {

    /** Deeper nesting than this is treated as text, so hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 8;
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)(\\d{1,9}[.)])\\s+(.*)$");

    private Markdown() {
    }

    /** A block: one line of text, a heading, a list item, a fenced code block or an empty line. */
    public sealed interface Block {
    }

    /** A line of running text. */
    public record Line(List<Inline> content) implements Block {
    }

    /** A heading of any level. */
    public record Heading(List<Inline> content) implements Block {
    }

    /** A list item; {@code marker} is null for a bullet, else the item's number with its dot. */
    public record Item(int depth, String marker, List<Inline> content) implements Block {
    }

    /** A fenced code block; {@code language} is empty when the fence named none. */
    public record CodeBlock(String language, String code) implements Block {
    }

    /** An empty line (a paragraph break). */
    public record Blank() implements Block {
    }

    /** An inline run. */
    public sealed interface Inline {
    }

    /** Plain text, not yet escaped for any channel. */
    public record Text(String text) implements Inline {
    }

    /** Bold, italic or strike-through content. */
    public record Styled(Style style, List<Inline> content) implements Inline {
    }

    /** Inline code, shown verbatim. */
    public record Code(String text) implements Inline {
    }

    /** A link; its label is plain text. */
    public record Link(String label, String url) implements Inline {
    }

    /** Inline styles. */
    public enum Style {
        BOLD, ITALIC, STRIKE
    }

    /** The blocks of {@code markdown}. */
    public static List<Block> parse(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].strip().startsWith("```")) {
                    if (j > i + 1) {
                        code.append('\n');
                    }
                    code.append(lines[j]);
                    j++;
                }
                blocks.add(new CodeBlock(stripped.substring(3).strip(), code.toString()));
                i = j;
                continue;
            }
            if (stripped.isEmpty()) {
                blocks.add(new Blank());
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                blocks.add(new Heading(inline(m.group(1))));
                continue;
            }
            m = BULLET.matcher(line);
            if (m.matches()) {
                blocks.add(new Item(m.group(1).length() / 2, null, inline(m.group(2))));
                continue;
            }
            m = NUMBERED.matcher(line);
            if (m.matches()) {
                blocks.add(new Item(m.group(1).length() / 2, m.group(2), inline(m.group(3))));
                continue;
            }
            blocks.add(new Line(inline(line)));
        }
        return blocks;
    }

    /** The inline runs of one line. */
    public static List<Inline> inline(String text) {
        return inline(text, 0);
    }

    private static List<Inline> inline(String s, int depth) {
        // Where a delimiter's closer was searched for in vain: no closer exists after it, so later openers of the
        // same delimiter need not search again (keeps hostile runs of unmatched openers linear).
        Map<String, Integer> noCloserFrom = new HashMap<>();
        List<Inline> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && isMarkdownPunctuation(s.charAt(i + 1))) {
                text.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int n = run(s, i, '`');
                String ticks = s.substring(i, i + n);
                int close = s.indexOf(ticks, i + n);
                if (close > i + n) {
                    flush(text, out);
                    out.add(new Code(s.substring(i + n, close)));
                    i = close + n;
                } else {
                    text.append(ticks);
                    i += n;
                }
                continue;
            }
            if (c == '[') {
                int end = link(s, i, out, text);
                if (end > 0) {
                    i = end;
                    continue;
                }
            }
            String delimiter = delimiterAt(s, i);
            if (delimiter != null && depth < MAX_DEPTH && opens(s, i, delimiter)) {
                int from = i + delimiter.length();
                int close = from >= noCloserFrom.getOrDefault(delimiter, Integer.MAX_VALUE)
                        ? -1
                        : closing(s, from, delimiter);
                if (close < 0) {
                    noCloserFrom.merge(delimiter, from, Math::min);
                }
                if (close > 0) {
                    flush(text, out);
                    out.add(new Styled(style(delimiter),
                            inline(s.substring(i + delimiter.length(), close), depth + 1)));
                    i = close + delimiter.length();
                    continue;
                }
                // An unmatched pair stays literal as a whole, so its second half cannot open a run of its own.
                text.append(delimiter);
                i += delimiter.length();
                continue;
            }
            text.append(c);
            i++;
        }
        flush(text, out);
        return out;
    }

    /** Parses {@code [label](url)} at {@code i}; the index after it, or -1 when it is not a link. */
    private static int link(String s, int i, List<Inline> out, StringBuilder text) {
        int middle = s.indexOf("](", i + 1);
        if (middle < 0) {
            return -1;
        }
        int end = -1;
        int depth = 0;
        for (int j = middle + 2; j < s.length() && end < 0; j++) {
            char c = s.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                end = j;
            }
        }
        String label = s.substring(i + 1, middle);
        if (end < 0 || label.isEmpty() || label.indexOf('[') >= 0 || label.indexOf(']') >= 0) {
            return -1;
        }
        String url = s.substring(middle + 2, end).strip();
        if (url.isEmpty() || url.chars().anyMatch(Character::isWhitespace)) {
            return -1;
        }
        flush(text, out);
        out.add(new Link(label, url));
        return end + 1;
    }

    private static String delimiterAt(String s, int i) {
        for (String d : new String[]{"**", "__", "~~", "*", "_"}) {
            if (s.startsWith(d, i)) {
                return d;
            }
        }
        return null;
    }

    private static boolean opens(String s, int i, String d) {
        int after = i + d.length();
        if (after >= s.length() || Character.isWhitespace(s.charAt(after))) {
            return false;
        }
        // snake_case and 2*3 are not emphasis
        return d.charAt(0) != '_' || i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
    }

    private static int closing(String s, int from, String d) {
        String doubled = d + d;
        int j = from + 1;
        while (j < s.length()) {
            if (d.length() == 1 && s.startsWith(doubled, j)) {
                j += 2;
                continue;
            }
            if (s.startsWith(d, j) && !Character.isWhitespace(s.charAt(j - 1))
                    && (d.charAt(0) != '_' || j + d.length() >= s.length()
                            || !Character.isLetterOrDigit(s.charAt(j + d.length())))) {
                return j;
            }
            j++;
        }
        return -1;
    }

    private static Style style(String d) {
        return switch (d) {
            case "**", "__" -> Style.BOLD;
            case "~~" -> Style.STRIKE;
            default -> Style.ITALIC;
        };
    }

    private static int run(String s, int i, char c) {
        int j = i;
        while (j < s.length() && s.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    private static boolean isMarkdownPunctuation(char c) {
        return "\\`*_~[]()#+-.!>|".indexOf(c) >= 0;
    }

    private static void flush(StringBuilder text, List<Inline> out) {
        if (!text.isEmpty()) {
            out.add(new Text(text.toString()));
            text.setLength(0);
        }
    }
}
