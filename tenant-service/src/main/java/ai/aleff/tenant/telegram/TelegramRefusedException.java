package ai.aleff.tenant.telegram;

/**
 * Telegram answered {@code "ok": false} with a client error: the token is wrong ({@code 401}), or the request was
 * refused ({@code 400}, e.g. a webhook URL Telegram does not accept). Its description is Telegram's own text.
 */
public class TelegramRefusedException extends RuntimeException {

    private final String method;
    private final int errorCode;
    private final String description;

    public TelegramRefusedException(String method, int errorCode, String description) {
        super("Telegram refused " + method + " with " + errorCode);
        this.method = method;
        this.errorCode = errorCode;
        this.description = description;
    }

    public String method() {
        return method;
    }

    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    /** Whether Telegram refused the token itself (wrong, revoked, or the bot was deleted). */
    public boolean tokenRefused() {
        return errorCode == 401 || errorCode == 404;
    }
}
