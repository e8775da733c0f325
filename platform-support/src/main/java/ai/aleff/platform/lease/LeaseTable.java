package ai.aleff.platform.lease;

import java.util.regex.Pattern;

/**
 * The one lease layout every using service's table has (each service creates it in its own schema with Flyway):
 *
 * <pre>
 * CREATE TABLE lease (
 *     name        text        PRIMARY KEY,  -- what is held, e.g. 'telegram:&lt;connectionId&gt;'
 *     holder      text        NOT NULL,     -- who holds it (an instance's id; unique per process start)
 *     epoch       bigint      NOT NULL,     -- the fencing token: +1 at every change of holder
 *     expires_at  timestamptz NOT NULL,     -- by the database's clock; held while now() &lt; expires_at
 *     acquired_at timestamptz NOT NULL DEFAULT now()
 * );
 * </pre>
 *
 * A released or expired lease keeps its row, so the next holder's epoch is higher than every earlier one. Every
 * statement on that table is here, so the columns are named in one place, and every time is the database's
 * {@code now()}: instances never compare their own clocks.
 */
public final class LeaseTable {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private final String name;

    public LeaseTable(String name) {
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A lease table must be a plain [schema.]table name: " + name);
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Takes lease {@code $1} for holder {@code $2} for {@code $3} seconds when nobody holds it (no row, or expired);
     * returns the new epoch and expiry, or no row when it is held. One statement: of two instances racing, exactly
     * one gets a row (the other's conflict re-reads the winner's unexpired row).
     */
    String acquire() {
        return "INSERT INTO " + name + " AS l (name, holder, epoch, expires_at, acquired_at)"
                + " VALUES ($1, $2, 1, now() + make_interval(secs => $3), now())"
                + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, epoch = l.epoch + 1,"
                + " expires_at = EXCLUDED.expires_at, acquired_at = now()"
                + " WHERE l.expires_at <= now()"
                + " RETURNING l.epoch, l.expires_at";
    }

    /** Extends lease {@code $1} of holder {@code $2} at epoch {@code $3} to {@code $4} seconds from now, if unexpired. */
    String renew() {
        return "UPDATE " + name + " SET expires_at = now() + make_interval(secs => $4)"
                + " WHERE name = $1 AND holder = $2 AND epoch = $3 AND expires_at > now() RETURNING expires_at";
    }

    /** Ends lease {@code $1} of holder {@code $2} at epoch {@code $3} now, keeping the row (and so the epoch). */
    String release() {
        return "UPDATE " + name + " SET expires_at = now()"
                + " WHERE name = $1 AND holder = $2 AND epoch = $3 AND expires_at > now()";
    }

    String current() {
        return "SELECT holder, epoch, expires_at, expires_at > now() AS held FROM " + name + " WHERE name = $1";
    }

    String delete() {
        return "DELETE FROM " + name + " WHERE name = $1";
    }

    /**
     * A condition for the using service's own statement that is true only while the lease named by parameter
     * {@code $first} is held by the holder in {@code $(first+1)} at the epoch in {@code $(first+2)}. It share-locks
     * the lease row, so a takeover cannot commit between the check and the caller's write: a write fenced by it
     * either happens while the lease is held, or not at all.
     */
    public String stillHeld(int first) {
        return "EXISTS (SELECT 1 FROM " + name + " WHERE name = $" + first + " AND holder = $" + (first + 1)
                + " AND epoch = $" + (first + 2) + " AND expires_at > now() FOR SHARE)";
    }
}
