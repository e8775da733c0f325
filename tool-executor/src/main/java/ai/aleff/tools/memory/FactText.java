package ai.aleff.tools.memory;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ai.aleff.tools.repository.MemoryFact;
import ai.aleff.tools.service.ToolException;

/** Text rules shared by the memory tools: how facts are normalised, how queries become words, how facts are shown. */
final class FactText {

    /** Longest fact, and longest query, in characters. */
    static final int MAX_LENGTH = 1000;
    private static final int MAX_WORDS = 20;
    private static final int MAX_WORD_LENGTH = 64;
    /** Words too common to say anything about which fact is meant. */
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "was", "what", "who", "does",
            "did", "about", "with", "that", "this", "have", "has", "you", "your", "user", "users");

    private FactText() {
    }

    /**
     * One line without control characters (which PostgreSQL or the listing could not take) and with single spaces,
     * so facts that differ only in spacing are the same fact.
     */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The distinct words of a query as case-insensitive substring patterns ({@code %word%}). Words are runs of
     * letters and digits, so no pattern character of {@code ILIKE} can appear; very short and very common words are
     * left out.
     */
    static List<String> patterns(String query) {
        if (query.length() > MAX_LENGTH) {
            throw new ToolException("the query is longer than " + MAX_LENGTH + " characters");
        }
        Set<String> words = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= query.length() && words.size() < MAX_WORDS; i++) {
            char c = i < query.length() ? query.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
                continue;
            }
            String w = word.toString().toLowerCase(Locale.ROOT);
            word.setLength(0);
            boolean number = !w.isEmpty() && w.chars().allMatch(Character::isDigit);
            if ((w.length() >= 3 || number) && !STOP_WORDS.contains(w)) {
                words.add(w.length() > MAX_WORD_LENGTH ? w.substring(0, MAX_WORD_LENGTH) : w);
            }
        }
        List<String> patterns = new ArrayList<>(words.size());
        words.forEach(w -> patterns.add("%" + w + "%"));
        return patterns;
    }

    /** One fact per line, with the id the model passes to forget. */
    static String listing(List<MemoryFact> facts) {
        StringBuilder out = new StringBuilder();
        for (MemoryFact fact : facts) {
            out.append("\n- [").append(fact.id()).append("] ").append(fact.fact()).append(" (remembered ")
                    .append(fact.createdAt().atZone(ZoneOffset.UTC).toLocalDate()).append(')');
        }
        return out.toString();
    }

    static String facts(int count) {
        return count == 1 ? "1 fact" : count + " facts";
    }
}
