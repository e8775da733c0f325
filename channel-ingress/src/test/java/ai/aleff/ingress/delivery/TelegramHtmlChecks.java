package ai.aleff.ingress.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Telegram accepts as {@code parse_mode=HTML} and what must never reach it, checked strictly. */
public final class TelegramHtmlChecks {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)((?: [a-z]+=\"[^\"<>]*\")?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot);");
    private static final Pattern SAFE_HREF = Pattern.compile(" href=\"(?i:https?|tg|mailto):[^\"]*\"");
    private static final Pattern CODE_CLASS = Pattern.compile(" class=\"language-[A-Za-z0-9_+#.-]{1,32}\"");

    private TelegramHtmlChecks() {
    }

    /** Throws unless {@code html} holds only Telegram's tags, balanced, with safe links and every other char escaped. */
    public static void assertValid(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new AssertionError("not a tag at " + i + ": " + snippet(html, i));
                }
                String name = m.group(2);
                String attributes = m.group(3);
                if (m.group(1).isEmpty()) {
                    boolean ok = switch (name) {
                        case "b", "i", "s", "pre" -> attributes.isEmpty();
                        case "code" -> attributes.isEmpty() || CODE_CLASS.matcher(attributes).matches();
                        case "a" -> SAFE_HREF.matcher(attributes).matches();
                        default -> false;
                    };
                    if (!ok) {
                        throw new AssertionError("tag not allowed: " + m.group());
                    }
                    open.push(name);
                } else if (open.isEmpty() || !open.pop().equals(name) || !attributes.isEmpty()) {
                    throw new AssertionError("unbalanced " + m.group() + " at " + i + " in " + snippet(html, i));
                }
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new AssertionError("raw & at " + i + ": " + snippet(html, i));
                }
                i = m.end();
            } else if (c == '>') {
                throw new AssertionError("raw > at " + i + ": " + snippet(html, i));
            } else {
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new AssertionError("unclosed " + open + " in " + snippet(html, html.length() - 40));
        }
    }

    /** The text Telegram shows: tags removed, entities decoded. */
    public static String visible(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private static String snippet(String s, int at) {
        int from = Math.max(0, at - 40);
        return s.substring(from, Math.min(s.length(), at + 40));
    }
}
