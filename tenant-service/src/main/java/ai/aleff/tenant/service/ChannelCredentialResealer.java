package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.tenant.repository.ChannelConnectionEntity;
import ai.aleff.tenant.repository.ChannelConnectionRepository;

/**
 * The channel credentials' part of the platform-key rotation pass ({@link SecretReEncryption}): in the tenant's
 * transaction of the pass, every credential not current under the active key is sealed again at its own place, and
 * each connection that changed is published as its next version, so channel-ingress gets the new ciphertexts.
 */
@ApplicationScoped
public class ChannelCredentialResealer {

    private final ChannelConnectionRepository connections;
    private final ChannelConnectionRecords records;
    private final SecretCipher cipher;
    private final SessionOutbox sessionOutbox;

    public ChannelCredentialResealer(ChannelConnectionRepository connections, ChannelConnectionRecords records,
            SecretCipher cipher, Outbox outbox) {
        this.connections = connections;
        this.records = records;
        this.cipher = cipher;
        this.sessionOutbox = new SessionOutbox(outbox);
    }

    /** What the pass did to one tenant's channel credentials. */
    record Result(int reEncrypted, int current, List<ConfigurationResealer.Failure> failures) {
    }

    /** In the current Panache transaction (the pass's, with the tenant row locked). */
    Uni<Result> reseal(UUID tenantId, Instant now) {
        return connections.ofTenant(tenantId).chain(rows -> {
            int[] counts = new int[2];
            List<ConfigurationResealer.Failure> failures = new ArrayList<>();
            List<CloudEvent<?>> changed = new ArrayList<>();
            for (ChannelConnectionEntity row : rows) {
                if (reseal(row, counts, failures)) {
                    row.version++;
                    row.changedAt = now;
                    changed.add(records.changed(row));
                }
            }
            Result result = new Result(counts[0], counts[1], failures);
            return changed.isEmpty()
                    ? Uni.createFrom().item(result)
                    : Panache.getSession().chain(session -> sessionOutbox.add(session, changed)).replaceWith(result);
        });
    }

    private boolean reseal(ChannelConnectionEntity row, int[] counts, List<ConfigurationResealer.Failure> failures) {
        Map<String, EncryptedSecret> credentials = new HashMap<>(records.credentials(row));
        boolean changed = false;
        for (Map.Entry<String, EncryptedSecret> credential : records.credentials(row).entrySet()) {
            if (cipher.isCurrent(credential.getValue())) {
                counts[1]++;
                continue;
            }
            SecretPlace place = SecretPlace.channelCredential(row.tenantId.toString(), row.connectionId,
                    credential.getKey());
            try {
                credentials.put(credential.getKey(), cipher.reseal(place, place, credential.getValue()));
                counts[0]++;
                changed = true;
            } catch (RuntimeException e) {
                failures.add(new ConfigurationResealer.Failure(row.tenantId.toString(), 0, place.entry(),
                        e.getMessage()));
            }
        }
        if (changed) {
            records.setCredentials(row, credentials, records.hints(row));
        }
        return changed;
    }
}
