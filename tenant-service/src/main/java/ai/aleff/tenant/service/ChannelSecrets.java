package ai.aleff.tenant.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * The random values of a connection and the one place its credentials are encrypted and decrypted: the connection
 * id (128 bits), Telegram's webhook secret and WhatsApp's verify token (256 bits each), all base64url without
 * padding, so they fit Telegram's {@code secret_token} alphabet ({@code A-Za-z0-9_-}) and a URL path unescaped.
 */
@ApplicationScoped
public class ChannelSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HINT_LENGTH = 4;
    private static final Set<String> GENERATED = Set.of(ChannelConnectionChanged.WEBHOOK_SECRET,
            ChannelConnectionChanged.VERIFY_TOKEN);

    private final SecretCipher cipher;

    public ChannelSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** 128 random bits, 22 characters: the contract's unguessable connection id. */
    static String newConnectionId() {
        return random(16);
    }

    /** 256 random bits, 43 characters of Telegram's secret_token alphabet. */
    static String newSecret() {
        return random(32);
    }

    boolean canEncrypt() {
        return cipher.canEncrypt();
    }

    /** The stored credentials and hints after each {@code plain} one is encrypted into its place. */
    record Sealed(Map<String, EncryptedSecret> credentials, Map<String, String> hints) {
    }

    /**
     * {@code kept} with each {@code plain} credential sealed in (replacing one of the same name). Generated secrets
     * get no hint: nobody types them, so nobody needs to tell them apart.
     */
    Sealed seal(UUID tenantId, String connectionId, Map<String, EncryptedSecret> kept, Map<String, String> keptHints,
            Map<String, String> plain) {
        Map<String, EncryptedSecret> sealed = new HashMap<>(kept);
        Map<String, String> hints = new HashMap<>(keptHints);
        plain.forEach((name, value) -> {
            sealed.put(name, cipher.encrypt(SecretPlace.channelCredential(tenantId.toString(), connectionId, name),
                    value));
            String hint = hint(value);
            if (hint != null && !GENERATED.contains(name)) {
                hints.put(name, hint);
            }
        });
        return new Sealed(sealed, hints);
    }

    /** The plain value of a stored credential. */
    String open(UUID tenantId, String connectionId, Map<String, EncryptedSecret> stored, String name) {
        EncryptedSecret sealed = stored.get(name);
        if (sealed == null) {
            throw new IllegalStateException("Channel connection " + connectionId + " has no " + name);
        }
        return cipher.decrypt(SecretPlace.channelCredential(tenantId.toString(), connectionId, name), sealed);
    }

    /**
     * The name of the secret the platform generates for a new connection of {@code type}: Telegram's webhook secret,
     * WhatsApp's verify token; none for Slack and Discord, which sign with the app's own secret or key.
     */
    static Optional<String> generatedName(ChannelConnectionChanged.Type type) {
        return switch (type) {
            case TELEGRAM -> Optional.of(ChannelConnectionChanged.WEBHOOK_SECRET);
            case WHATSAPP -> Optional.of(ChannelConnectionChanged.VERIFY_TOKEN);
            case SLACK, DISCORD -> Optional.empty();
        };
    }

    /** The credentials a request gives, by their contract names. */
    static Map<String, String> plain(ChannelCredentialsInput credentials) {
        Map<String, String> plain = new HashMap<>();
        if (credentials.botToken() != null) {
            plain.put(ChannelConnectionChanged.BOT_TOKEN, credentials.botToken());
        }
        if (credentials.accessToken() != null) {
            plain.put(ChannelConnectionChanged.ACCESS_TOKEN, credentials.accessToken());
        }
        if (credentials.appSecret() != null) {
            plain.put(ChannelConnectionChanged.APP_SECRET, credentials.appSecret());
        }
        if (credentials.signingSecret() != null) {
            plain.put(ChannelConnectionChanged.SIGNING_SECRET, credentials.signingSecret());
        }
        if (credentials.appToken() != null) {
            plain.put(ChannelConnectionChanged.APP_TOKEN, credentials.appToken());
        }
        if (credentials.publicKey() != null) {
            plain.put(ChannelConnectionChanged.PUBLIC_KEY, credentials.publicKey().toLowerCase(Locale.ROOT));
        }
        if (credentials.applicationId() != null) {
            plain.put(ChannelConnectionChanged.APPLICATION_ID, credentials.applicationId());
        }
        return plain;
    }

    /** The last four characters, to tell credentials apart; none for a value too short to give four away. */
    static String hint(String plain) {
        return plain.length() < 4 * HINT_LENGTH ? null : plain.substring(plain.length() - HINT_LENGTH);
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
