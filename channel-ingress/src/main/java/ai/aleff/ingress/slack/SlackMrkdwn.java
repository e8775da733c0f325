package ai.aleff.ingress.slack;

import java.util.List;

import ai.aleff.ingress.delivery.Markdown;

/**
 * The model's Markdown in Slack's mrkdwn: {@code *bold*}, {@code _italic_}, {@code ~strike~}, {@code `code`},
 * fenced blocks, links as {@code <url|label>}, lists with bullets. {@code &}, {@code <} and {@code >} are escaped
 * in all text (Slack's rule), so the model cannot write {@code <!channel>}, {@code <@U...>} mentions or links of
 * its own making; only links parsed from Markdown become {@code <url|label>}, with {@code |} and {@code >} kept out
 * of the label.
 */
public final class SlackMrkdwn {

    private SlackMrkdwn() {
    }

    /** {@code markdown} in mrkdwn. */
    public static String toMrkdwn(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        List<Markdown.Block> blocks = Markdown.parse(markdown);
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            switch (blocks.get(i)) {
                case Markdown.Line line -> inline(line.content(), out);
                case Markdown.Heading heading -> {
                    out.append('*');
                    inline(heading.content(), out);
                    out.append('*');
                }
                case Markdown.Item item -> {
                    out.append("    ".repeat(Math.min(item.depth(), 8)))
                            .append(item.marker() == null ? "\u2022" : escape(item.marker())).append(' ');
                    inline(item.content(), out);
                }
                case Markdown.CodeBlock code -> out.append("```\n").append(escape(code.code())).append("\n```");
                case Markdown.Blank blank -> {
                }
            }
        }
        return out.toString();
    }

    /** Slack's three control characters as entities. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void inline(List<Markdown.Inline> runs, StringBuilder out) {
        for (Markdown.Inline run : runs) {
            switch (run) {
                case Markdown.Text text -> out.append(escape(text.text()));
                case Markdown.Code code -> out.append('`').append(escape(code.text().replace("`", "'"))).append('`');
                case Markdown.Link link -> link(link, out);
                case Markdown.Styled styled -> {
                    String mark = switch (styled.style()) {
                        case BOLD -> "*";
                        case ITALIC -> "_";
                        case STRIKE -> "~";
                    };
                    out.append(mark);
                    inline(styled.content(), out);
                    out.append(mark);
                }
            }
        }
    }

    private static void link(Markdown.Link link, StringBuilder out) {
        String url = link.url();
        if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("mailto:")
                || url.matches(".*[\\s<>|].*")) {
            // Not a link Slack should make active: shown as text.
            out.append(escape(link.label())).append(" (").append(escape(url)).append(')');
            return;
        }
        String url2 = url.replace("&", "&amp;");
        if (link.label().equals(url)) {
            out.append('<').append(url2).append('>');
        } else {
            out.append('<').append(url2).append('|').append(escape(link.label()).replace("|", "\u2223")).append('>');
        }
    }
}
