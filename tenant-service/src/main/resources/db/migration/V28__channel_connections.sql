-- A tenant's channel connections (docs/channels.md, "Connections API"): its Telegram bots and WhatsApp numbers. The
-- credentials are stored only as the JSON of their EncryptedSecrets (AES-256-GCM with the platform key, bound to
-- tenant, connection id and credential name); their last four characters are kept apart, to tell them apart in
-- responses. A deleted connection's row is erased (its DELETED record on the compacted topic is the tombstone), and
-- so are all of a tenant's when the tenant is deleted.
CREATE TABLE tenant.channel_connections (
    connection_id    varchar(22) PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenant.tenants (id),
    type             varchar(16) NOT NULL CHECK (type IN ('TELEGRAM', 'WHATSAPP')),
    display_name     varchar(200) NOT NULL,
    status           varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED')),
    mode             varchar(16) NOT NULL CHECK (mode IN ('WEBHOOK', 'POLLING')),
    settings         text NOT NULL,
    account_id       varchar(64),
    account_username varchar(64),
    credentials      text NOT NULL,
    credential_hints text NOT NULL,
    version          bigint NOT NULL CHECK (version > 0),
    created_at       timestamptz NOT NULL,
    changed_at       timestamptz NOT NULL
);
CREATE INDEX channel_connections_tenant ON tenant.channel_connections (tenant_id, created_at);

-- Row-level security like every tenant table (V23).
ALTER TABLE tenant.channel_connections ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenant.channel_connections
    USING (tenant_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tenant.channel_connections
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
