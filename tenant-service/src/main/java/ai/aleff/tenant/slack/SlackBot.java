package ai.aleff.tenant.slack;

/**
 * Who a Slack bot token speaks as, from {@code auth.test}.
 *
 * @param userId the bot user's id ({@code U...}): messages from it are our own
 * @param botId the bot's id ({@code B...}), on every message the bot posts
 * @param teamId the workspace
 */
public record SlackBot(String userId, String botId, String teamId) {
}
