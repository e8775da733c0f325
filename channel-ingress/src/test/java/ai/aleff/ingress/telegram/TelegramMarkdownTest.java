package ai.aleff.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.delivery.TelegramHtmlChecks;

class TelegramMarkdownTest {

    private static final String[] HOSTILE = {"**", "*", "_", "__", "~~", "`", "```", "```js\n", "\n", "\n\n", " ",
            "<script>", "</b>", "<b>", "<img src=x onerror=alert(1)>", "&amp;", "&", "<", ">", "\"", "[x](", "](",
            "javascript:alert(1))", "[a](https://ok.example/?q=<b>&x=\"1\")", "[b](javascript:alert(1))", "# ", "- ",
            "1. ", "\\*", "snake_case_name", "word", "Mot ", "\uD83D\uDE00", "<a href=\"javascript:x\">", "\r\n", "\t"};

    @Test
    void formatsTheMarkdownModelsWrite() {
        // Given the usual constructs; When converted; Then each becomes its Telegram tag
        assertThat(TelegramMarkdown.toHtml("**bold** *it* _it2_ ~~gone~~ `x<y`"))
                .isEqualTo("<b>bold</b> <i>it</i> <i>it2</i> <s>gone</s> <code>x&lt;y</code>");
        assertThat(TelegramMarkdown.toHtml("# Title\n- one\n  - two\n3. three"))
                .isEqualTo("<b>Title</b>\n\u2022 one\n  \u2022 two\n3. three");
        assertThat(TelegramMarkdown.toHtml("```java\nif (a < b && c) {}\n```"))
                .isEqualTo("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c) {}</code></pre>");
        assertThat(TelegramMarkdown.toHtml("see [docs](https://a.example/?x=1&y=2)"))
                .isEqualTo("see <a href=\"https://a.example/?x=1&amp;y=2\">docs</a>");
        assertThat(TelegramMarkdown.toHtml("**bold with *nested* italic**"))
                .isEqualTo("<b>bold with <i>nested</i> italic</b>");
    }

    @Test
    void hostileMarkupStaysText() {
        // Given HTML and script in model output; Then it is escaped text, never a tag
        assertThat(TelegramMarkdown.toHtml("<script>alert(1)</script> <img src=x onerror=alert(1)>"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;");
        // Given an unsafe link; Then only its label remains
        assertThat(TelegramMarkdown.toHtml("[click](javascript:alert(1))")).isEqualTo("click");
        // Given a fence language that would break out of the attribute; Then the class is dropped
        assertThat(TelegramMarkdown.toHtml("```\"><script>\nx\n```")).isEqualTo("<pre><code>x</code></pre>");
    }

    @Test
    void unbalancedDelimitersStayLiteral() {
        // Given delimiters without partners; Then they are shown as typed
        assertThat(TelegramMarkdown.toHtml("**open and `tick and snake_case_name and 2*3")).isEqualTo(
                "**open and `tick and snake_case_name and 2*3");
        assertThat(TelegramMarkdown.toHtml("```\nunclosed <b>"))
                .isEqualTo("<pre><code>unclosed &lt;b&gt;</code></pre>");
    }

    @Test
    void anyHostileMixProducesValidInertHtml() {
        // Given 3000 random mixes of hostile fragments; Then every output is balanced Telegram HTML with safe links
        Random random = new Random(11);
        for (int n = 0; n < 3000; n++) {
            String input = randomMix(random, 1 + random.nextInt(40));
            String html = TelegramMarkdown.toHtml(input);
            try {
                TelegramHtmlChecks.assertValid(html);
            } catch (AssertionError e) {
                throw new AssertionError("input " + input.replace("\n", "\\n") + " gave " + html, e);
            }
        }
    }

    @Test
    void deepNestingAndLongRunsFinish() {
        // Given input built to nest deeply or scan long; Then it converts quickly and stays valid
        String deep = "*_".repeat(4000) + "x" + "_*".repeat(4000);
        TelegramHtmlChecks.assertValid(TelegramMarkdown.toHtml(deep));
        String runs = "*a ".repeat(5000) + "[x".repeat(2000);
        TelegramHtmlChecks.assertValid(TelegramMarkdown.toHtml(runs));
    }

    static String randomMix(Random random, int fragments) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        }
        return s.toString();
    }
}
