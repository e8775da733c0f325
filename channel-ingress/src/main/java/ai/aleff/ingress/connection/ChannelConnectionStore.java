package ai.aleff.ingress.connection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.database.RowScope;

/**
 * The {@code ingress.channel_connection} table. Writes run in the connection's tenant scope; lookups by connection id
 * run across tenants, because a webhook names only its (unguessable) connection id and the id is what says whose it is.
 */
@ApplicationScoped
class ChannelConnectionStore {

    private static final TypeReference<Map<String, EncryptedSecret>> CREDENTIALS = new TypeReference<>() {
    };
    private static final String COLUMNS = "tenant_id, connection_id, type, status, mode, settings::text AS settings, "
            + "account::text AS account, credentials::text AS credentials, version";

    private final Pool pool;
    private final ObjectMapper json;

    ChannelConnectionStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Stores {@code connection} unless the same or a newer version is stored already. A record naming a connection
     * id that belongs to another tenant changes nothing (the update's tenant condition, and row-level security behind
     * it): a connection never moves between tenants.
     *
     * @return whether the row changed
     */
    Uni<Boolean> upsert(ChannelConnection connection) {
        return RowScope.inTenant(pool, connection.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_connection AS c
                    (tenant_id, connection_id, type, status, mode, settings, account, credentials, version)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9)
                ON CONFLICT (connection_id) DO UPDATE SET type = EXCLUDED.type, status = EXCLUDED.status,
                    mode = EXCLUDED.mode, settings = EXCLUDED.settings, account = EXCLUDED.account,
                    credentials = EXCLUDED.credentials, version = EXCLUDED.version, updated_at = now()
                WHERE c.version < EXCLUDED.version AND c.tenant_id = EXCLUDED.tenant_id""")
                .execute(Tuple.tuple()
                        .addString(connection.tenantId())
                        .addString(connection.connectionId())
                        .addString(connection.type().name())
                        .addString(connection.status().name())
                        .addString(connection.mode().name())
                        .addString(write(connection.settings()))
                        .addString(connection.account() == null ? null : write(connection.account()))
                        .addString(write(connection.credentials()))
                        .addLong(connection.version()))
                .map(rows -> rows.rowCount() > 0));
    }

    Uni<Optional<ChannelConnection>> find(String connectionId) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("SELECT " + COLUMNS
                + " FROM ingress.channel_connection WHERE connection_id = $1 AND status <> 'DELETED'")
                .execute(Tuple.of(connectionId))
                .map(rows -> rows.size() == 0
                        ? Optional.<ChannelConnection>empty()
                        : Optional.of(read(rows.iterator().next()))));
    }

    Uni<List<ChannelConnection>> active(Type type, Mode mode) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("SELECT " + COLUMNS
                + " FROM ingress.channel_connection WHERE type = $1 AND mode = $2 AND status = 'ACTIVE'"
                + " ORDER BY connection_id")
                .execute(Tuple.of(type.name(), mode.name()))
                .map(rows -> {
                    List<ChannelConnection> found = new ArrayList<>();
                    rows.forEach(row -> found.add(read(row)));
                    return found;
                }));
    }

    /** Erases every connection of a deleted tenant; the number of rows deleted. */
    Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "DELETE FROM ingress.channel_connection WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount()));
    }

    private ChannelConnection read(Row row) {
        try {
            String account = row.getString("account");
            return new ChannelConnection(row.getString("tenant_id"), row.getString("connection_id"),
                    Type.valueOf(row.getString("type")), Status.valueOf(row.getString("status")),
                    Mode.valueOf(row.getString("mode")), json.readValue(row.getString("settings"), Settings.class),
                    account == null ? null : json.readValue(account, Account.class),
                    json.readValue(row.getString("credentials"), CREDENTIALS), row.getLong("version"));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable channel connection " + row.getString("connection_id"), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store channel connection field", e);
        }
    }
}
