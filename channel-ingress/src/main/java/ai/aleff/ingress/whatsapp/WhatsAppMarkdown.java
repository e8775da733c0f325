package ai.aleff.ingress.whatsapp;

import java.util.List;

import ai.aleff.ingress.delivery.Markdown;

/**
 * The model's Markdown in WhatsApp's formatting: {@code *bold*}, {@code _italic_}, {@code ~strike~}, triple backticks
 * for monospace. WhatsApp renders no markup language, so nothing can become active; links are shown as
 * {@code label (url)} because WhatsApp only links bare URLs.
 */
public final class WhatsAppMarkdown {

    private WhatsAppMarkdown() {
    }

    /** {@code markdown} in WhatsApp's formatting. */
    public static String toWhatsApp(String markdown) {
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
                    out.append("  ".repeat(Math.min(item.depth(), 8)))
                            .append(item.marker() == null ? "\u2022" : item.marker()).append(' ');
                    inline(item.content(), out);
                }
                case Markdown.CodeBlock code -> out.append("```\n").append(code.code()).append("\n```");
                case Markdown.Blank blank -> {
                }
            }
        }
        return out.toString();
    }

    private static void inline(List<Markdown.Inline> runs, StringBuilder out) {
        for (Markdown.Inline run : runs) {
            switch (run) {
                case Markdown.Text text -> out.append(text.text());
                case Markdown.Code code -> out.append("```").append(code.text()).append("```");
                case Markdown.Link link -> out.append(link.label().equals(link.url())
                        ? link.url()
                        : link.label() + " (" + link.url() + ")");
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
}
