package ai.aleff.tenant.discord;

/**
 * Who a Discord bot token speaks as, from {@code GET /users/@me}.
 *
 * @param userId the bot user's id (a snowflake): messages from it are our own
 * @param username the bot's username
 */
public record DiscordBot(String userId, String username) {
}
