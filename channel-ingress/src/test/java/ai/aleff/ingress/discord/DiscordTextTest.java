package ai.aleff.ingress.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

class DiscordTextTest {

    @Test
    void markdownIsKeptAndOnlyMassMentionsAreMadeInert() {
        // When a reply with Markdown, @everyone, @here (any case) and an e-mail address is formatted
        List<String> parts = DiscordText.parts("**Bold** _it_ `code` [docs](https://example.com) @everyone "
                + "@Here mail@example.com", 40);
        // Then it is one part with the Markdown as written and the two mentions broken by a zero-width space
        assertThat(parts).containsExactly("**Bold** _it_ `code` [docs](https://example.com) @\u200Beveryone "
                + "@\u200BHere mail@example.com");
    }

    @Test
    void aLongReplyIsCutAtLineEndsWithinTheCharacterAndLineLimits() {
        // Given 300 numbered lines of about 30 characters
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("Line ").append(i).append(" says something short.\n");
        }
        // When it is split with 40 lines a part
        List<String> parts = DiscordText.parts(text.toString(), 40);
        // Then every part has at most 40 lines and 2000 characters, and together they are the text
        assertThat(parts).hasSize(8).allSatisfy(part -> {
            assertThat(part.split("\n", -1).length).isLessThanOrEqualTo(40);
            assertThat(part.length()).isLessThanOrEqualTo(DiscordText.LIMIT);
        });
        assertThat(String.join("\n", parts)).isEqualTo(text.toString().strip());
    }

    @Test
    void aCodeBlockCutInTwoIsClosedAndReopenedWithItsLanguage() {
        // Given a fenced block of 150 lines of about 40 characters (over 6000 characters)
        StringBuilder text = new StringBuilder("Here:\n```java\n");
        for (int i = 0; i < 150; i++) {
            text.append("int value").append(i).append(" = compute(").append(i).append(");   // ok\n");
        }
        text.append("```\nDone.");
        // When it is split
        List<String> parts = DiscordText.parts(text.toString(), 1000);
        // Then every part is within the limit and has balanced fences; the later ones reopen the java block
        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(DiscordText.LIMIT);
            assertThat(part.lines().filter(l -> l.startsWith("```")).count() % 2).isZero();
        });
        assertThat(parts.subList(1, parts.size())).allSatisfy(part -> assertThat(part).startsWith("```java\n"));
        assertThat(parts.getLast()).endsWith("```\nDone.");
    }

    @Test
    void aSingleHugeLineIsCutAtSpacesAndRandomTextNeverExceedsTheLimit() {
        // Given one line of 9000 characters of words, and random mixes of fences, newlines and long words
        String line = "lorem ipsum dolor ".repeat(500);
        List<String> parts = DiscordText.parts(line, 40);
        assertThat(parts).hasSizeGreaterThan(4)
                .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(DiscordText.LIMIT));
        assertThat(String.join(" ", parts).replace(" ", "")).isEqualTo(line.replace(" ", ""));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] pieces = {"```", "```py", "\n", "\n\n", "word ", "x".repeat(700), "@everyone", "\uD83D\uDE00"};
        for (int run = 0; run < 300; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(1, 200); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            // Then every part is within 2000 characters and 40 lines (one more for a closing fence), never empty
            for (String part : DiscordText.parts(text.toString(), 40)) {
                assertThat(part.length()).isLessThanOrEqualTo(DiscordText.LIMIT);
                assertThat(part.split("\n", -1).length).isLessThanOrEqualTo(41);
                assertThat(part).isNotBlank().doesNotContain("@everyone");
            }
        }
    }
}
