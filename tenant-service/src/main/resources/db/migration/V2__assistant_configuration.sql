-- Every version of a tenant's assistant configuration, kept so an admin can see what changed and restore one.
-- configuration is the AssistantConfiguration JSON exactly as published, so model API keys are in it only
-- encrypted (AES-256-GCM with the platform secret key, the tenant id as associated data).
CREATE TABLE assistant_versions (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid         NOT NULL REFERENCES tenants (id),
    version       bigint       NOT NULL CHECK (version >= 1),
    configuration text         NOT NULL,
    summary       varchar(500) NOT NULL,
    changed_at    timestamp(6) with time zone NOT NULL,
    UNIQUE (tenant_id, version)
);

-- The tenant's current assistant version; null until the first PUT (the platform defaults apply).
ALTER TABLE tenants ADD COLUMN assistant_version bigint CHECK (assistant_version >= 1);
