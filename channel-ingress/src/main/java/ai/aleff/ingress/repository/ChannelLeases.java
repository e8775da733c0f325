package ai.aleff.ingress.repository;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.platform.lease.LeaseTable;
import ai.aleff.platform.lease.Leases;

/** This service's single-holder leases, in {@code ingress.channel_lease} (V7__channel_polling.sql). */
@Singleton
public class ChannelLeases {

    /** The table, also for fencing this service's writes with {@link LeaseTable#stillHeld(int)}. */
    public static final LeaseTable TABLE = new LeaseTable("ingress.channel_lease");

    ChannelLeases() {
    }

    @Produces
    @Singleton
    static Leases leases(Pool pool) {
        return new Leases(pool, TABLE);
    }
}
