package ai.aleff.ingress.channel;

/** Whether to answer an inbound message, and why; the reason is logged and counted, never shown to the sender. */
public record GateDecision(boolean answer, Reason reason) {

    /** Why a message is answered or ignored. */
    public enum Reason {
        ANSWER_PRIVATE, ANSWER_MENTIONED, ANSWER_GROUP_ALWAYS, IGNORE_OWN_MESSAGE, IGNORE_OTHER_BOT, IGNORE_USER_NOT_ALLOWED, IGNORE_CHAT_NOT_ALLOWED, IGNORE_GROUPS_DISABLED, IGNORE_NOT_MENTIONED
    }

    static GateDecision answer(Reason reason) {
        return new GateDecision(true, reason);
    }

    static GateDecision ignore(Reason reason) {
        return new GateDecision(false, reason);
    }
}
