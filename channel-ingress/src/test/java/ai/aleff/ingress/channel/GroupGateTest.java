package ai.aleff.ingress.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.channel.GateDecision.Reason;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;

class GroupGateTest {

    private static final String BOT = "999";

    private static InboundMessage message(String sender, boolean isBot, ChatKind kind, boolean mentioned,
            String replyTo) {
        return new InboundMessage("telegram", "1", "10", sender, "A", isBot, "-100", null, kind, "hi", null, replyTo,
                mentioned, false, List.of());
    }

    private static GroupGate gate(GroupBehaviour behaviour) {
        return new GroupGate(behaviour, Set.of(), Set.of(), BOT);
    }

    @Test
    void ownMessagesAreIgnoredEvenWhenGroupsAlwaysAnswer() {
        // Given ALWAYS; When our bot's own message arrives; Then it is ignored (no loop)
        assertEquals(new GateDecision(false, Reason.IGNORE_OWN_MESSAGE),
                gate(GroupBehaviour.ALWAYS).decide(message(BOT, true, ChatKind.GROUP, true, null)));
    }

    @Test
    void otherBotsAreIgnoredInPrivateAndGroups() {
        // Given any behaviour; When another bot writes, even mentioning us; Then it is ignored
        assertEquals(Reason.IGNORE_OTHER_BOT,
                gate(GroupBehaviour.ALWAYS).decide(message("5", true, ChatKind.GROUP, true, null)).reason());
        assertEquals(Reason.IGNORE_OTHER_BOT,
                gate(GroupBehaviour.ALWAYS).decide(message("5", true, ChatKind.PRIVATE, false, null)).reason());
    }

    @Test
    void privateChatsAreAnsweredWhateverTheGroupBehaviour() {
        // Given NEVER for groups; When a person writes one-to-one; Then it is answered
        GateDecision d = gate(GroupBehaviour.NEVER).decide(message("1", false, ChatKind.PRIVATE, false, null));
        assertEquals(new GateDecision(true, Reason.ANSWER_PRIVATE), d);
    }

    @Test
    void mentionedBehaviourAnswersMentionsAndRepliesToTheBotOnly() {
        // Given MENTIONED; When a group message mentions us, replies to us, or does neither
        GroupGate g = gate(GroupBehaviour.MENTIONED);
        assertEquals(Reason.ANSWER_MENTIONED, g.decide(message("1", false, ChatKind.GROUP, true, null)).reason());
        assertEquals(Reason.ANSWER_MENTIONED, g.decide(message("1", false, ChatKind.GROUP, false, BOT)).reason());
        // Then only the plain message (or a reply to someone else) is ignored
        assertEquals(Reason.IGNORE_NOT_MENTIONED, g.decide(message("1", false, ChatKind.GROUP, false, null)).reason());
        assertEquals(Reason.IGNORE_NOT_MENTIONED, g.decide(message("1", false, ChatKind.GROUP, false, "7")).reason());
    }

    @Test
    void alwaysAnswersAndNeverIgnoresGroupMessages() {
        // Given ALWAYS / NEVER; When an unmentioned group message arrives; Then answered / ignored
        assertEquals(Reason.ANSWER_GROUP_ALWAYS,
                gate(GroupBehaviour.ALWAYS).decide(message("1", false, ChatKind.GROUP, false, null)).reason());
        assertEquals(Reason.IGNORE_GROUPS_DISABLED,
                gate(GroupBehaviour.NEVER).decide(message("1", false, ChatKind.GROUP, true, null)).reason());
    }

    @Test
    void allowListsRestrictSendersEverywhereAndChatsInGroups() {
        // Given allow-lists of user 1 and chat -100
        GroupGate g = new GroupGate(GroupBehaviour.ALWAYS, Set.of("-100"), Set.of("1"), BOT);
        // When user 2 writes privately; Then ignored
        assertEquals(Reason.IGNORE_USER_NOT_ALLOWED,
                g.decide(message("2", false, ChatKind.PRIVATE, false, null)).reason());
        // When user 1 writes in chat -100 or privately; Then answered
        assertEquals(Reason.ANSWER_GROUP_ALWAYS, g.decide(message("1", false, ChatKind.GROUP, false, null)).reason());
        assertEquals(Reason.ANSWER_PRIVATE, g.decide(message("1", false, ChatKind.PRIVATE, false, null)).reason());
        // When user 1 writes in another group; Then ignored
        InboundMessage other = new InboundMessage("telegram", "1", "10", "1", "A", false, "-200", null, ChatKind.GROUP,
                "hi", null, null, true, false, List.of());
        assertEquals(Reason.IGNORE_CHAT_NOT_ALLOWED, g.decide(other).reason());
    }
}
