package ai.aleff.tenant.discord;

/** No usable answer from Discord's API (transport failure, 5xx, a body that is not Discord's). */
public class DiscordUnreachableException extends RuntimeException {

    public DiscordUnreachableException(String what) {
        super("Discord: " + what);
    }
}
