package ai.aleff.ingress.connection;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretKeyMissingException;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * The channel connections this service serves, as the connections topic last described them (shared by every
 * ingress instance through {@code ingress.channel_connection}), and their decrypted credentials.
 */
@ApplicationScoped
public class ChannelConnections {

    private final ChannelConnectionStore store;
    private final SecretCipher cipher;

    ChannelConnections(ChannelConnectionStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** The connection, ACTIVE or PAUSED; empty when unknown or deleted. */
    public Uni<Optional<ChannelConnection>> find(String connectionId) {
        if (connectionId == null || connectionId.isBlank() || connectionId.length() > 200) {
            return Uni.createFrom().item(Optional.empty());
        }
        return store.find(connectionId);
    }

    /** Every ACTIVE connection of this type and mode, across tenants (e.g. the Telegram bots to poll). */
    public Uni<List<ChannelConnection>> active(Type type, Mode mode) {
        return store.active(type, mode);
    }

    /**
     * The decrypted credential {@code name} (e.g. {@code ChannelConnectionChanged.BOT_TOKEN}). Never log it.
     *
     * @throws ChannelCredentialException when the connection has no such credential or it cannot be decrypted here
     */
    public String credential(ChannelConnection connection, String name) {
        EncryptedSecret secret = connection.credentials().get(name);
        if (secret == null) {
            throw new ChannelCredentialException(
                    "channel connection " + connection.connectionId() + " has no credential '" + name + "'");
        }
        try {
            return cipher.decrypt(
                    SecretPlace.channelCredential(connection.tenantId(), connection.connectionId(), name), secret);
        } catch (SecretKeyMissingException | IllegalArgumentException e) {
            throw new ChannelCredentialException("credential '" + name + "' of channel connection "
                    + connection.connectionId() + " cannot be decrypted: " + e.getMessage(), e);
        }
    }
}
