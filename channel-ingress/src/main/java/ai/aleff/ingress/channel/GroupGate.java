package ai.aleff.ingress.channel;

import java.util.Set;

import ai.aleff.ingress.channel.GateDecision.Reason;

/**
 * Decides whether the assistant answers a normalised message, per the connection's settings. Loops are cut first:
 * our own messages and every other bot's are ignored, whatever the settings, so two assistants in one group
 * never answer each other forever. Empty allow-lists allow everyone; the chat allow-list applies to groups only.
 *
 * @param behaviour how groups are answered
 * @param allowedChatIds group chats allowed to talk to the bot (empty: all)
 * @param allowedUserIds senders allowed to talk to the bot (empty: all)
 * @param botId our bot's platform id
 */
public record GroupGate(GroupBehaviour behaviour, Set<String> allowedChatIds, Set<String> allowedUserIds,
        String botId) {

    public GroupGate {
        allowedChatIds = allowedChatIds == null ? Set.of() : Set.copyOf(allowedChatIds);
        allowedUserIds = allowedUserIds == null ? Set.of() : Set.copyOf(allowedUserIds);
    }

    /** The decision for {@code message}. */
    public GateDecision decide(InboundMessage message) {
        if (botId != null && botId.equals(message.senderId())) {
            return GateDecision.ignore(Reason.IGNORE_OWN_MESSAGE);
        }
        if (message.senderIsBot()) {
            return GateDecision.ignore(Reason.IGNORE_OTHER_BOT);
        }
        if (!allowedUserIds.isEmpty() && !allowedUserIds.contains(message.senderId())) {
            return GateDecision.ignore(Reason.IGNORE_USER_NOT_ALLOWED);
        }
        if (message.kind() == InboundMessage.ChatKind.PRIVATE) {
            return GateDecision.answer(Reason.ANSWER_PRIVATE);
        }
        if (!allowedChatIds.isEmpty() && !allowedChatIds.contains(message.chatId())) {
            return GateDecision.ignore(Reason.IGNORE_CHAT_NOT_ALLOWED);
        }
        return switch (behaviour == null ? GroupBehaviour.MENTIONED : behaviour) {
            case NEVER -> GateDecision.ignore(Reason.IGNORE_GROUPS_DISABLED);
            case ALWAYS -> GateDecision.answer(Reason.ANSWER_GROUP_ALWAYS);
            case MENTIONED -> mentionedOrRepliedTo(message)
                    ? GateDecision.answer(Reason.ANSWER_MENTIONED)
                    : GateDecision.ignore(Reason.IGNORE_NOT_MENTIONED);
        };
    }

    private boolean mentionedOrRepliedTo(InboundMessage message) {
        return message.mentionsBot() || (botId != null && botId.equals(message.replyToSenderId()));
    }
}
