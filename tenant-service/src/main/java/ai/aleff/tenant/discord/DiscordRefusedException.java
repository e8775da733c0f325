package ai.aleff.tenant.discord;

/**
 * Discord refused a credential: the bot token (401, 403, or it is not a bot's) or the application id (the bot may not
 * manage that application's commands); {@code reason} says why, without the token.
 */
public class DiscordRefusedException extends RuntimeException {

    private final String credential;
    private final String reason;

    public DiscordRefusedException(String credential, String reason) {
        super("Discord refused the " + credential + ": " + reason);
        this.credential = credential;
        this.reason = reason;
    }

    /** {@code bot token} or {@code application id}. */
    public String credential() {
        return credential;
    }

    public String reason() {
        return reason;
    }
}
