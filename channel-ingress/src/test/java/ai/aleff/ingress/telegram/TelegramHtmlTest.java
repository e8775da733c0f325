package ai.aleff.ingress.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void hostileMarkupBecomesEscapedText() {
        // Given model output with a script tag and entities; When escaped; Then no markup survives
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;",
                TelegramHtml.escapeText("<script>alert(1)</script> &amp;"));
    }

    @Test
    void attributesAlsoEscapeQuotes() {
        // Given a URL with a quote; When escaped for href; Then the quote cannot close the attribute
        assertEquals("https://x/?a=&quot;&gt;", TelegramHtml.escapeAttribute("https://x/?a=\">"));
    }

    @Test
    void onlySafeSchemesBecomeLinks() {
        // Given links with safe schemes; Then they become anchors with escaped href and label
        assertEquals(Optional.of("<a href=\"https://a.b/?q=1&amp;r=2\">x &lt;b&gt;</a>"),
                TelegramHtml.link("https://a.b/?q=1&r=2", "x <b>"));
        // A raw quote is not a valid URI at all, so it can never reach the attribute
        assertTrue(TelegramHtml.link("https://a.b/\"onclick=\"x", "x").isEmpty());
        assertTrue(TelegramHtml.link("tg://user?id=1", "u").isPresent());
        assertTrue(TelegramHtml.link("mailto:a@b.c", "m").isPresent());
        assertTrue(TelegramHtml.link("HTTPS://a.b", "m").isPresent());
        // Given hostile or unparseable links; Then no anchor is produced
        assertTrue(TelegramHtml.link("javascript:alert(1)", "x").isEmpty());
        assertTrue(TelegramHtml.link("JavaScript:alert(1)", "x").isEmpty());
        assertTrue(TelegramHtml.link("java\tscript:alert(1)", "x").isEmpty());
        assertTrue(TelegramHtml.link("data:text/html,<b>", "x").isEmpty());
        assertTrue(TelegramHtml.link("//evil.example", "x").isEmpty());
        assertTrue(TelegramHtml.link("", "x").isEmpty());
        assertTrue(TelegramHtml.link(null, "x").isEmpty());
    }

    @Test
    void lengthCountsUtf16UnitsAsTelegramDoes() {
        // Given an emoji outside the BMP; Then it counts as two units
        assertEquals(3, TelegramHtml.telegramLength("a\uD83D\uDE00"));
    }
}
