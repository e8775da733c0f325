package ai.aleff.ingress.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * One indivisible piece of a formatted reply for {@link MessageSplitter}: an HTML tag (no visible length), an entity
 * (one visible unit), or a character (a surrogate pair as one token of two units).
 *
 * @param kind tag or text
 * @param raw the source text of the token
 * @param text the visible character (the decoded entity), 0 for tags and surrogate pairs
 * @param units what the token counts against the limit
 */
record Token(Kind kind, String raw, char text, int units) {

    enum Kind {
        OPEN, CLOSE, TEXT
    }

    boolean isTag() {
        return kind != Kind.TEXT;
    }

    boolean isSpace() {
        return kind == Kind.TEXT && (text == ' ' || text == '\n' || text == '\t');
    }

    /** The element name of a tag: {@code <code class="x">} is {@code code}. */
    String tagName() {
        int from = kind == Kind.CLOSE ? 2 : 1;
        int end = from;
        while (end < raw.length() && Character.isLetterOrDigit(raw.charAt(end))) {
            end++;
        }
        return raw.substring(from, end);
    }

    /** The tokens of well-formed HTML whose text is escaped ({@code <} and {@code &} only start tags and entities). */
    static List<Token> html(String html) {
        List<Token> tokens = new ArrayList<>(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int end;
            if (c == '<' && (end = html.indexOf('>', i)) > 0) {
                String raw = html.substring(i, end + 1);
                tokens.add(new Token(raw.startsWith("</") ? Kind.CLOSE : Kind.OPEN, raw, (char) 0, 0));
                i = end + 1;
            } else if (c == '&' && (end = html.indexOf(';', i)) > 0 && end - i <= 10) {
                String raw = html.substring(i, end + 1);
                tokens.add(new Token(Kind.TEXT, raw, decode(raw), 1));
                i = end + 1;
            } else {
                i = character(html, i, tokens);
            }
        }
        return tokens;
    }

    /** The tokens of plain text: characters only. */
    static List<Token> plain(String text) {
        List<Token> tokens = new ArrayList<>(text.length());
        int i = 0;
        while (i < text.length()) {
            i = character(text, i, tokens);
        }
        return tokens;
    }

    private static int character(String s, int i, List<Token> tokens) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            tokens.add(new Token(Kind.TEXT, s.substring(i, i + 2), (char) 0, 2));
            return i + 2;
        }
        tokens.add(new Token(Kind.TEXT, String.valueOf(c), c, 1));
        return i + 1;
    }

    private static char decode(String entity) {
        return switch (entity) {
            case "&lt;" -> '<';
            case "&gt;" -> '>';
            case "&amp;" -> '&';
            case "&quot;" -> '"';
            default -> '?';
        };
    }
}
