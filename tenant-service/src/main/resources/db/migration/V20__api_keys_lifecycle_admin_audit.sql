-- A tenant has any number of API keys, each stored only as its SHA-256 hash (the key is shown once). A rotation
-- gives the old key an expiry (the end of the overlap window) and points it at its successor; a revocation stamps
-- revoked_at. The keys valid at a change are the ones published in the tenant's configuration.
CREATE TABLE api_keys (
    id         uuid         PRIMARY KEY,
    tenant_id  uuid         NOT NULL REFERENCES tenants (id),
    name       varchar(100) NOT NULL,
    -- "ak_" and the key's first 8 random characters, to recognise it in a list; null for keys made before this table
    prefix     varchar(16),
    key_hash   varchar(64)  NOT NULL UNIQUE,
    created_at timestamp(6) with time zone NOT NULL,
    expires_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    rotated_to uuid         REFERENCES api_keys (id)
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- Every tenant's one key so far becomes its first managed key.
INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, created_at)
    SELECT gen_random_uuid(), id, 'default', NULL, api_key_hash, created_at FROM tenants;
ALTER TABLE tenants DROP COLUMN api_key_hash;

-- Lifecycle: a deleted tenant stays as a row (its id is never reused, its audit stays attributable).
ALTER TABLE tenants DROP CONSTRAINT tenants_status_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_status_check CHECK (status IN ('ACTIVE', 'DISABLED', 'DELETED'));
ALTER TABLE tenants ADD COLUMN deleted_at timestamp(6) with time zone;
-- The tenant list pages by (created_at, id).
CREATE INDEX tenants_created ON tenants (created_at, id);

-- Administrative audit: who changed what in a tenant, with its state before and after (JSON, secrets never in
-- it). Written in the transaction of the change itself, so a change is never without its record. Append-only.
CREATE TABLE admin_audit (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id   uuid         NOT NULL UNIQUE,
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    actor       varchar(300) NOT NULL,
    action      varchar(100) NOT NULL,
    subject_id  varchar(100) NOT NULL,
    before      text,
    after       text,
    occurred_at timestamp(6) with time zone NOT NULL
);
CREATE INDEX admin_audit_tenant ON admin_audit (tenant_id, id);

CREATE FUNCTION forbid_admin_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tenant.admin_audit is append-only';
END;
$$;
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
    FOR EACH ROW EXECUTE FUNCTION forbid_admin_audit_change();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_admin_audit_change();
