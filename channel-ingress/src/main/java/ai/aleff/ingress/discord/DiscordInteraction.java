package ai.aleff.ingress.discord;

/**
 * A verified Discord interaction, as much of it as the assistant needs.
 *
 * @param id the interaction's id (a snowflake): the durable dedupe id
 * @param applicationId the application it was sent to
 * @param type 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 AUTOCOMPLETE, 5 MODAL_SUBMIT
 * @param token the interaction's token: its webhook ({@code /webhooks/{app}/{token}}) for 15 minutes; never logged
 * @param channelId the channel it was used in (a guild channel, a thread or a DM channel)
 * @param guildId the server, null in a direct message
 * @param userId who used it
 * @param userName their display name ({@code global_name}, else {@code username}); may be empty
 * @param userIsBot whether Discord marks them a bot
 * @param command the command's name ({@code ask}) for an application command, else null
 * @param question the {@code question} option's value, else null
 */
public record DiscordInteraction(String id, String applicationId, int type, String token, String channelId,
        String guildId, String userId, String userName, boolean userIsBot, String command, String question) {

    public static final int PING = 1;
    public static final int APPLICATION_COMMAND = 2;
    public static final int MESSAGE_COMPONENT = 3;
    public static final int AUTOCOMPLETE = 4;
    public static final int MODAL_SUBMIT = 5;

    /** The slash command the assistant answers, and its one string option. */
    public static final String ASK = "ask";
    public static final String QUESTION = "question";

    @Override
    public String toString() {
        // The token is a credential: never in a log line or an exception message.
        return "DiscordInteraction[id=" + id + ", type=" + type + ", command=" + command + "]";
    }
}
