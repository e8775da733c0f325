-- Blueprints for new tenants: an assistant configuration without secrets (docs/architecture.md, "Templates").
CREATE TABLE tenant_templates (
    id          uuid          PRIMARY KEY,
    name        varchar(200)  NOT NULL UNIQUE,
    description varchar(1000),
    -- JSON of a PortableAssistant: never an API key (refused on write), so it needs no encryption.
    assistant   text          NOT NULL,
    version     bigint        NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL,
    updated_at  timestamp(6) with time zone NOT NULL
);

-- Template changes are platform changes, not a tenant's: their administrative audit rows name no tenant.
ALTER TABLE admin_audit ALTER COLUMN tenant_id DROP NOT NULL;
