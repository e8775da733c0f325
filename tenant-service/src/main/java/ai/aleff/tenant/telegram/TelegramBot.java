package ai.aleff.tenant.telegram;

/**
 * Who a bot token speaks as, from {@code getMe}.
 *
 * @param id the bot's user id
 * @param username its username without {@code @}
 */
public record TelegramBot(String id, String username) {
}
