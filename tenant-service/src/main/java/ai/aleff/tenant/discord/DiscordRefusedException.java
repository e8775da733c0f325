package ai.aleff.tenant.discord;

/** Discord refused the bot token (401 or 403), or it is not a bot's; {@code reason} says which, without the token. */
public class DiscordRefusedException extends RuntimeException {

    private final String reason;

    public DiscordRefusedException(String reason) {
        super("Discord refused the bot token: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
