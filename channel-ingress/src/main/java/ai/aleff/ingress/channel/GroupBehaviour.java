package ai.aleff.ingress.channel;

/** How a connection answers in groups; one-to-one chats are always answered (subject to allow-lists). */
public enum GroupBehaviour {
    /** Answer only when the bot is mentioned or replied to. */
    MENTIONED,
    /** Answer every group message. */
    ALWAYS,
    /** Never answer in groups. */
    NEVER
}
