package ai.aleff.ingress.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.telegram.TelegramMarkdown;

class MessageSplitterTest {

    private static final String[] PIECES = {"word ", "Sentence ends. ", "Why? ", "\n", "\n\n", "**bold words** ",
            "*it* ", "`a<b` ", "\n```js\nlet a = 1 < 2;\nlet b = \"&\";\n```\n", "<script>alert(1)</script> ",
            "[l](https://x.example/?a=1&b=2) ", "\uD83D\uDE00", "supercalifragilisticexpialidocious", "&amp;",
            "- item\n"};

    @Test
    void shortTextIsOnePart() {
        // Given text under the limit; Then it is sent unchanged as one part
        assertThat(MessageSplitter.splitHtml("<b>hi</b> &amp; bye", 4096)).containsExactly("<b>hi</b> &amp; bye");
        assertThat(MessageSplitter.splitPlain("hi", 4096)).containsExactly("hi");
    }

    @Test
    void prefersParagraphThenLineThenSentenceThenWord() {
        // Given a limit that cuts the text; Then the strongest break that fits is used
        assertThat(MessageSplitter.splitPlain("aaaa bbbb.\n\ncccc dddd", 15)).containsExactly("aaaa bbbb.",
                "cccc dddd");
        assertThat(MessageSplitter.splitPlain("aaaa bbbb.\ncccc dddd", 15)).containsExactly("aaaa bbbb.", "cccc dddd");
        assertThat(MessageSplitter.splitPlain("aaaa bbbb. cccc dddd", 15)).containsExactly("aaaa bbbb.", "cccc dddd");
        assertThat(MessageSplitter.splitPlain("aaaa bbbb cccc dddd", 15)).containsExactly("aaaa bbbb cccc", "dddd");
        assertThat(MessageSplitter.splitPlain("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void entitiesCountAsOneAndAreNeverCut() {
        // Given text made of entities; Then the limit counts each as one character and no entity is cut
        List<String> parts = MessageSplitter.splitHtml("&lt;".repeat(10), 4);
        assertThat(parts).containsExactly("&lt;&lt;&lt;&lt;", "&lt;&lt;&lt;&lt;", "&lt;&lt;");
    }

    @Test
    void surrogatePairsAreNeverCut() {
        // Given emoji (two UTF-16 units each) and an odd limit; Then no pair is split
        List<String> parts = MessageSplitter.splitPlain("\uD83D\uDE00".repeat(5), 3);
        assertThat(parts).hasSize(5).allMatch(p -> p.equals("\uD83D\uDE00"));
    }

    @Test
    void aLongCodeBlockIsClosedAndReopenedAcrossParts() {
        // Given a code block longer than the limit; Then every part is a balanced code block of the same language
        String html = TelegramMarkdown.toHtml("```python\n" + "print('x')\n".repeat(30) + "```");
        List<String> parts = MessageSplitter.splitHtml(html, 100);
        assertThat(parts).hasSizeGreaterThan(3);
        for (String part : parts) {
            assertThat(part).startsWith("<pre><code class=\"language-python\">").endsWith("</code></pre>");
            TelegramHtmlChecks.assertValid(part);
            assertThat(TelegramHtmlChecks.visible(part).length()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void hostileRepliesSplitIntoValidPartsLosingNothing() {
        // Given 500 random hostile replies and small limits; When converted and split
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            StringBuilder md = new StringBuilder();
            for (int i = random.nextInt(200); i >= 0; i--) {
                md.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String html = TelegramMarkdown.toHtml(md.toString());
            int limit = 40 + random.nextInt(300);
            List<String> parts = MessageSplitter.splitHtml(html, limit);
            // Then every part is valid HTML within the limit, and the visible text is all there, in order
            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                TelegramHtmlChecks.assertValid(part);
                assertThat(TelegramHtmlChecks.visible(part).length()).isLessThanOrEqualTo(limit);
                assertThat(TelegramHtmlChecks.visible(part).isBlank()).isFalse();
                joined.append(TelegramHtmlChecks.visible(part));
            }
            assertThat(withoutSpace(joined.toString())).isEqualTo(withoutSpace(TelegramHtmlChecks.visible(html)));
        }
    }

    private static String withoutSpace(String s) {
        return s.replaceAll("\\s+", "");
    }
}
