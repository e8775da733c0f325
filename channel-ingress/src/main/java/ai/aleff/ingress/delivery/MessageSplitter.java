package ai.aleff.ingress.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Splits a formatted reply into parts no longer than a channel's limit, counted as the platform counts: for Telegram
 * HTML the text after entity parsing (tags count nothing, an entity one unit, UTF-16 units as
 * {@code TelegramHtml.telegramLength}), for plain text its UTF-16 length. A part ends at the last paragraph break that
 * fits, else the last line break, else the last sentence end, else the last space, else as many characters as fit;
 * never inside a tag, an entity or a surrogate pair. Tags open at a split are closed at the end of the part and
 * reopened at the start of the next (a long code block continues as a code block), so every part is balanced.
 */
public final class MessageSplitter {

    /** A break earlier than this share of the limit would leave a needlessly short part: a weaker break is used. */
    private static final double MIN_FILL = 0.3;

    private MessageSplitter() {
    }

    /** The parts of Telegram HTML (as produced by {@code TelegramMarkdown}). */
    public static List<String> splitHtml(String html, int limit) {
        return split(Token.html(html), limit);
    }

    /** The parts of plain text (WhatsApp). */
    public static List<String> splitPlain(String text, int limit) {
        return split(Token.plain(text), limit);
    }

    /** The text Telegram shows for {@code html}: tags dropped, entities decoded (the plain-text fallback). */
    public static String visibleText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        for (Token t : Token.html(html)) {
            if (!t.isTag()) {
                out.append(t.units() == 1 ? String.valueOf(t.text()) : t.raw());
            }
        }
        return out.toString();
    }

    private static List<String> split(List<Token> tokens, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, was " + limit);
        }
        List<String> parts = new ArrayList<>();
        Deque<Token> open = new ArrayDeque<>();
        int start = 0;
        while (true) {
            boolean verbatim = open.stream().anyMatch(t -> t.tagName().equals("pre"));
            start = skipSpace(tokens, start, verbatim);
            if (start >= tokens.size()) {
                break;
            }
            int cut = cut(tokens, start, limit);
            int end = cut;
            while (end > start && tokens.get(end - 1).isSpace() && !verbatim) {
                end--;
            }
            StringBuilder part = new StringBuilder();
            Iterator<Token> reopened = open.descendingIterator();
            while (reopened.hasNext()) {
                part.append(reopened.next().raw());
            }
            for (int i = start; i < cut; i++) {
                Token t = tokens.get(i);
                if (i < end || t.isTag()) {
                    part.append(t.raw());
                }
                if (t.kind() == Token.Kind.OPEN) {
                    open.push(t);
                } else if (t.kind() == Token.Kind.CLOSE && !open.isEmpty()) {
                    open.pop();
                }
            }
            for (Token t : open) {
                part.append("</").append(t.tagName()).append('>');
            }
            if (hasText(tokens, start, cut)) {
                parts.add(part.toString());
            }
            start = cut;
        }
        return parts;
    }

    /** The index the part starting at {@code start} ends before. */
    private static int cut(List<Token> tokens, int start, int limit) {
        int units = 0;
        int[] latestFilled = new int[5];
        int latestAny = -1;
        int hard = start;
        int i = start;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (units + t.units() > limit) {
                break;
            }
            units += t.units();
            if (t.units() > 0) {
                hard = i + 1;
            }
            int rank = breakRank(tokens, start, i + 1);
            if (rank > 0) {
                latestAny = i + 1;
                if (units >= limit * MIN_FILL) {
                    latestFilled[rank] = i + 1;
                }
            }
        }
        int best = latestAny;
        for (int rank = 4; rank >= 1; rank--) {
            if (latestFilled[rank] > 0) {
                best = latestFilled[rank];
                break;
            }
        }
        if (i >= tokens.size()) {
            return tokens.size();
        }
        int cut = best > start ? best : hard;
        // Closing tags that follow belong to this part; opening tags just before the cut belong to the next one.
        while (cut < tokens.size() && tokens.get(cut).kind() == Token.Kind.CLOSE) {
            cut++;
        }
        while (cut > start + 1 && tokens.get(cut - 1).kind() == Token.Kind.OPEN) {
            cut--;
        }
        return cut;
    }

    /** How good a break before token {@code at} is: 4 paragraph, 3 line, 2 sentence, 1 word, 0 none. */
    private static int breakRank(List<Token> tokens, int start, int at) {
        int k = at - 1;
        if (k < start || tokens.get(k).isTag()) {
            return 0;
        }
        char c = tokens.get(k).text();
        char before = k - 1 >= start && !tokens.get(k - 1).isTag() ? tokens.get(k - 1).text() : 0;
        if (c == '\n') {
            return before == '\n' ? 4 : 3;
        }
        if (c == ' ' || c == '\t') {
            return before == '.' || before == '!' || before == '?' ? 2 : 1;
        }
        return 0;
    }

    /** Skips the spaces a break leaves at the start of a part; inside code only line breaks (indentation stays). */
    private static int skipSpace(List<Token> tokens, int from, boolean verbatim) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).isSpace() && (!verbatim || tokens.get(i).text() == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean hasText(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).units() > 0 && !tokens.get(i).isSpace()) {
                return true;
            }
        }
        return false;
    }
}
