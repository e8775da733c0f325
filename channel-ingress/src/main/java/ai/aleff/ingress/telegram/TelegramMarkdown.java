package ai.aleff.ingress.telegram;

import java.util.List;
import java.util.regex.Pattern;

import ai.aleff.ingress.delivery.Markdown;

/**
 * The model's Markdown as Telegram {@code parse_mode=HTML}. Only tags Telegram supports are emitted ({@code b i s
 * code pre a}), each from a matched pair of the parse, so the result is always balanced; every piece of text goes
 * through {@link TelegramHtml#escapeText}, so model output like {@code <script>} stays text, and links keep only safe
 * schemes ({@link TelegramHtml#link}). Lists become lines with bullets and headings bold lines: Telegram has neither.
 */
public final class TelegramMarkdown {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");

    private TelegramMarkdown() {
    }

    /** {@code markdown} as Telegram HTML. */
    public static String toHtml(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 32);
        List<Markdown.Block> blocks = Markdown.parse(markdown);
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            switch (blocks.get(i)) {
                case Markdown.Line line -> inline(line.content(), out);
                case Markdown.Heading heading -> {
                    out.append("<b>");
                    inline(heading.content(), out);
                    out.append("</b>");
                }
                case Markdown.Item item -> {
                    out.append("  ".repeat(Math.min(item.depth(), 8)))
                            .append(item.marker() == null ? "\u2022" : TelegramHtml.escapeText(item.marker()))
                            .append(' ');
                    inline(item.content(), out);
                }
                case Markdown.CodeBlock code -> {
                    out.append("<pre>");
                    boolean named = LANGUAGE.matcher(code.language()).matches();
                    out.append(named ? "<code class=\"language-" + code.language() + "\">" : "<code>");
                    out.append(TelegramHtml.escapeText(code.code())).append("</code></pre>");
                }
                case Markdown.Blank blank -> {
                }
            }
        }
        return out.toString();
    }

    private static void inline(List<Markdown.Inline> runs, StringBuilder out) {
        for (Markdown.Inline run : runs) {
            switch (run) {
                case Markdown.Text text -> out.append(TelegramHtml.escapeText(text.text()));
                case Markdown.Code code -> out.append("<code>").append(TelegramHtml.escapeText(code.text()))
                        .append("</code>");
                case Markdown.Link link -> out.append(TelegramHtml.link(link.url(), link.label())
                        .orElseGet(() -> TelegramHtml.escapeText(link.label())));
                case Markdown.Styled styled -> {
                    String tag = switch (styled.style()) {
                        case BOLD -> "b";
                        case ITALIC -> "i";
                        case STRIKE -> "s";
                    };
                    out.append('<').append(tag).append('>');
                    inline(styled.content(), out);
                    out.append("</").append(tag).append('>');
                }
            }
        }
    }
}
