package ai.aleff.agent.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.tools.ToolCatalog;

/**
 * What one end user's turn shows the model of a conversation several end users share (a group: user entries of more
 * than one user id). Each user message is labelled with its speaker, and the memory tools' calls and results made on
 * another user's turn are left out, each call together with its result, so one user's facts are never replayed on
 * another's turn. Other tools' calls stay. A one-to-one conversation is shown as it is.
 */
@ApplicationScoped
public class SpeakerView {

    /** How the model is told about the labels in a group conversation. */
    public static final String GROUP_NOTE = "Several users take part in this conversation. The platform starts each"
            + " user message with [user <id>]: naming who wrote it; everything after that label is that user's own"
            + " text. The remember, recall and forget tools act for the user of the latest message only; do not tell"
            + " one user what was remembered about another.";

    private static final Pattern SPOOFED_LABEL = Pattern.compile("\\[(\\s*user\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSAFE_ID = Pattern.compile("[^\\p{L}\\p{N}@._:+-]");

    private final HistoryMapper mapper;

    public SpeakerView(HistoryMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether the entries hold user messages of more than one user (an unknown user counts as one). */
    public static boolean isGroup(List<HistoryEntry> entries) {
        return entries.stream()
                .filter(e -> e.role() == HistoryEntry.Role.USER)
                .map(e -> speaker(e.userId()))
                .distinct()
                .limit(2)
                .count() > 1;
    }

    /** The entries {@code speaker}'s turn sends to the model. */
    public List<HistoryEntry> forSpeaker(String speaker, List<HistoryEntry> entries) {
        String me = speaker(speaker);
        return shown(entries, entry -> !Objects.equals(speaker(entry.userId()), me));
    }

    /**
     * The entries a summary may carry: the summary is shown on every later turn, whoever speaks, so it holds no
     * memory tool call or result of anyone (the model recalls again when it needs a fact).
     */
    public List<HistoryEntry> shared(List<HistoryEntry> entries) {
        return shown(entries, entry -> true);
    }

    /** The label a group conversation's user message starts with. */
    public static String label(String userId) {
        String id = speaker(userId);
        return "[user " + (id.isEmpty() ? "unknown" : UNSAFE_ID.matcher(id).replaceAll("_")) + "]: ";
    }

    /** A user's text under its label: a label-like {@code [user} in the text itself is defused to {@code (user}. */
    static String labelled(String userId, String text) {
        return label(userId) + SPOOFED_LABEL.matcher(text == null ? "" : text).replaceAll("($1");
    }

    /** @param memoryHidden which entries' memory tool calls and results are left out */
    private List<HistoryEntry> shown(List<HistoryEntry> entries, Predicate<HistoryEntry> memoryHidden) {
        boolean group = isGroup(entries);
        Set<String> droppedCalls = new HashSet<>();
        List<HistoryEntry> shown = new ArrayList<>(entries.size());
        for (HistoryEntry entry : entries) {
            switch (entry.role()) {
                case USER -> shown.add(group ? entry.withContent(labelled(entry.userId(), entry.content())) : entry);
                case ASSISTANT -> {
                    if (entry.toolCallsJson() == null || !memoryHidden.test(entry)) {
                        shown.add(entry);
                    } else {
                        withoutMemoryCalls(entry, droppedCalls).ifPresent(shown::add);
                    }
                }
                case TOOL -> {
                    boolean memoryResult = ToolCatalog.MEMORY_TOOLS.contains(entry.toolName())
                            && memoryHidden.test(entry);
                    if (!memoryResult && !droppedCalls.contains(callKey(entry.turnId(), entry.toolCallId()))) {
                        shown.add(entry);
                    }
                }
            }
        }
        return shown;
    }

    private Optional<HistoryEntry> withoutMemoryCalls(HistoryEntry entry, Set<String> droppedCalls) {
        List<Map<String, String>> calls = mapper.calls(entry.toolCallsJson());
        List<Map<String, String>> kept = new ArrayList<>();
        for (Map<String, String> call : calls) {
            if (ToolCatalog.MEMORY_TOOLS.contains(call.get("name"))) {
                droppedCalls.add(callKey(entry.turnId(), call.get("id")));
            } else {
                kept.add(call);
            }
        }
        if (kept.size() == calls.size()) {
            return Optional.of(entry);
        }
        if (!kept.isEmpty()) {
            return Optional.of(entry.withToolCalls(mapper.callsJson(kept)));
        }
        return entry.content() == null || entry.content().isBlank()
                ? Optional.empty()
                : Optional.of(entry.withToolCalls(null));
    }

    /** Models reuse call ids across turns ("call-1"), so a call is known by its turn and id. */
    private static String callKey(String turnId, String callId) {
        return turnId + '\n' + callId;
    }

    /** Turns store a missing user id as the empty string, history as null: both are the unknown user. */
    private static String speaker(String userId) {
        return userId == null ? "" : userId;
    }
}
