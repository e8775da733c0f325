package ai.aleff.ingress;

import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;
import ai.aleff.testkit.Events;

/** Channel connections registered the way tenant-service does: a record on the connections topic. */
public final class TestConnections {

    /** tenant-service's fixed, public test key (the %test profile's aleff.secrets.keys.test). */
    private static final SecretCipher CIPHER = new SecretCipher(new SecretSettings() {
        @Override
        public Map<String, String> keys() {
            return Map.of("test", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }

        @Override
        public Optional<String> activeKey() {
            return Optional.of("test");
        }

        @Override
        public boolean legacyReadable() {
            return false;
        }
    });
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestConnections() {
    }

    /** A new unguessable connection id, as tenant-service makes them. */
    public static String newConnectionId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The record of a connection in this state with these plain credentials (encrypted here). */
    public static ChannelConnectionChanged record(String tenantId, String connectionId, Type type, Status status,
            Settings settings, Account account, Map<String, String> credentials, long version) {
        return record(tenantId, connectionId, type, Mode.WEBHOOK, status, settings, account, credentials, version);
    }

    /** {@link #record}, in this mode (e.g. Slack's SOCKET_MODE). */
    public static ChannelConnectionChanged record(String tenantId, String connectionId, Type type, Mode mode,
            Status status, Settings settings, Account account, Map<String, String> credentials, long version) {
        Map<String, EncryptedSecret> sealed = new HashMap<>();
        credentials.forEach((name, plain) -> sealed.put(name,
                CIPHER.encrypt(SecretPlace.channelCredential(tenantId, connectionId, name), plain)));
        return new ChannelConnectionChanged(tenantId, connectionId, type, "Test " + type, status, mode, settings,
                account, sealed, version, Instant.now());
    }

    /** Publishes {@code changed} keyed by its connection id, as tenant-service does. */
    public static void publish(String bootstrap, ChannelConnectionChanged changed) {
        ProducerRecord<String, byte[]> encoded = Events.CODEC.encode(CloudEvent.of("tenant-service",
                UUID.randomUUID().toString(), changed.tenantId(), null, Instant.now(), changed));
        Events.send(bootstrap, List.of(new ProducerRecord<>(encoded.topic(), null, changed.connectionId(),
                encoded.value(), encoded.headers())));
    }

    /** {@link #publish}, then waits until this service serves that version (or no longer serves a deleted one). */
    public static void publishAndAwait(String bootstrap, ChannelConnections connections,
            ChannelConnectionChanged changed) {
        publish(bootstrap, changed);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<ChannelConnection> found = connections.find(changed.connectionId()).await()
                    .atMost(Duration.ofSeconds(10));
            return changed.status() == Status.DELETED
                    ? found.isEmpty()
                    : found.map(c -> c.version() == changed.version() && c.status() == changed.status())
                            .orElse(false);
        });
    }
}
