-- Retention of a deleted tenant's audit trail (docs/security.md, "Tenant erasure and audit retention"): the records
-- are kept for at least 30 days after the deletion was seen here (aleff.audit.deleted-tenant-retention may lengthen
-- it, never shorten it), then purged by audit.purge_deleted_tenants, which runs with its owner's privileges. The
-- service's login role still cannot UPDATE, DELETE or TRUNCATE the trail; it can only call the purge, which decides
-- from rows the login role cannot rewrite.

-- When each tenant's deletion was first seen. The login role may add a row (SELECT, INSERT only) but not date it:
-- the trigger stamps it with the server's clock, so no caller can make a deletion look old.
CREATE TABLE audit.deleted_tenant (
    tenant_id      TEXT        PRIMARY KEY,
    deleted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    purged_at      TIMESTAMPTZ,
    purged_records BIGINT
);

CREATE FUNCTION audit.stamp_deleted_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.deleted_at := now();
    NEW.purged_at := NULL;
    NEW.purged_records := NULL;
    RETURN NEW;
END;
$$;

CREATE TRIGGER deleted_tenant_stamp
    BEFORE INSERT ON audit.deleted_tenant
    FOR EACH ROW EXECUTE FUNCTION audit.stamp_deleted_tenant();

-- Tenant-scoped like the trail: the marker is written in the deleted tenant's own transaction.
ALTER TABLE audit.deleted_tenant ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON audit.deleted_tenant
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON audit.deleted_tenant
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

-- The append-only triggers let one thing through: deleting the rows of the tenant the purge names, in the purge's
-- transaction. Only the purge (owned by the owner) can delete at all: the login role has no DELETE privilege, so
-- setting audit.purging_tenant itself gets it nothing. UPDATE and TRUNCATE stay refused for everyone.
CREATE OR REPLACE FUNCTION audit.forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('audit.purging_tenant', true) = OLD.tenant_id THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit.audit_record is append-only';
END;
$$;

-- Purges the trail of every tenant deleted longer ago than the retention (at least 30 days), unless the tenant
-- still produced records more than an hour after its deletion (then it is not really gone: a wrong marker must not
-- erase a live tenant's trail). Returns the records purged. EXECUTE needs USAGE on the schema, which only the
-- service's two roles have.
CREATE FUNCTION audit.purge_deleted_tenants(retention INTERVAL) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    kept    INTERVAL := greatest(coalesce(retention, INTERVAL '30 days'), INTERVAL '30 days');
    gone    RECORD;
    removed BIGINT;
    total   BIGINT := 0;
BEGIN
    FOR gone IN
        SELECT d.tenant_id, d.deleted_at FROM audit.deleted_tenant d
        WHERE d.purged_at IS NULL AND d.deleted_at < now() - kept
          AND NOT EXISTS (SELECT 1 FROM audit.audit_record r
                          WHERE r.tenant_id = d.tenant_id AND r.stored_at > d.deleted_at + INTERVAL '1 hour')
        ORDER BY d.deleted_at
        FOR UPDATE OF d SKIP LOCKED
    LOOP
        PERFORM set_config('audit.purging_tenant', gone.tenant_id, true);
        DELETE FROM audit.audit_record WHERE tenant_id = gone.tenant_id;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('audit.purging_tenant', '', true);
        UPDATE audit.deleted_tenant SET purged_at = now(), purged_records = removed
        WHERE tenant_id = gone.tenant_id;
        total := total + removed;
    END LOOP;
    RETURN total;
END;
$$;
