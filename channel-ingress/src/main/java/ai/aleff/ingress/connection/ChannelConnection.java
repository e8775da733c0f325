package ai.aleff.ingress.connection;

import java.util.Map;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/**
 * One tenant's channel connection as this service knows it (the latest {@link ChannelConnectionChanged}). The
 * credentials stay encrypted; {@link ChannelConnections#credential} decrypts one when it is needed.
 *
 * @param account the bot (Telegram) or number (WhatsApp) the connection speaks as; null when unknown
 */
public record ChannelConnection(String tenantId, String connectionId, Type type, Status status, Mode mode,
        Settings settings, Account account, Map<String, EncryptedSecret> credentials, long version) {

    public ChannelConnection {
        settings = settings == null ? Settings.defaults() : settings;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** The connection a {@link ChannelConnectionChanged} describes. */
    public static ChannelConnection of(ChannelConnectionChanged changed) {
        return new ChannelConnection(changed.tenantId(), changed.connectionId(), changed.type(), changed.status(),
                changed.mode(), changed.settings(), changed.account(), changed.credentials(), changed.version());
    }

    /** Whether updates of this connection are handled (not paused, not deleted). */
    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The account's platform id (Telegram bot user id), or null. */
    public String accountId() {
        return account == null ? null : account.id();
    }

    /** The account's handle (Telegram bot username without {@code @}), or null. */
    public String accountUsername() {
        return account == null ? null : account.username();
    }
}
