package ai.aleff.tenant.telegram;

/**
 * No usable answer from Telegram: no connection, a timeout, a server error or a body that is not the Bot API's. The
 * message names the method only: the request URL holds the bot token.
 */
public class TelegramUnreachableException extends RuntimeException {

    public TelegramUnreachableException(String method, String why) {
        super("Telegram " + method + ": " + why);
    }
}
