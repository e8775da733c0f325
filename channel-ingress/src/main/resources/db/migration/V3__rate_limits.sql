-- Rate limits shared by every ingress instance (docs/limits.md): fixed windows counted in the database, so each
-- instance sees the others' hits. One row per tenant, counter (tenant-minute, key-minute, conversation-day),
-- subject (the tenant, or the API key's hash) and window start; rows of old windows are purged by the service.
CREATE TABLE rate_window (
    tenant_id    text        NOT NULL,
    counter      text        NOT NULL,
    subject      text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL CHECK (hits > 0),
    PRIMARY KEY (tenant_id, counter, subject, window_start)
);
CREATE INDEX rate_window_age ON rate_window (window_start);

-- Which conversations a tenant has started, so that a new one can be counted against the daily limit.
CREATE TABLE conversation_start (
    tenant_id       text        NOT NULL,
    conversation_id text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, conversation_id)
);
-- Conversations that exist already are not new.
INSERT INTO conversation_start (tenant_id, conversation_id, started_at)
SELECT tenant_id, conversation_id, min(occurred_at) FROM conversation_message GROUP BY tenant_id, conversation_id;

-- Open event streams: a lease per stream, renewed by its instance while the stream is open; a crashed instance's
-- leases expire and free their places.
CREATE TABLE stream_lease (
    tenant_id  text        NOT NULL,
    lease_id   uuid        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lease_id)
);
CREATE INDEX stream_lease_expiry ON stream_lease (expires_at);

-- Row-level security as on the other tables (V2__row_level_security.sql).
ALTER TABLE rate_window ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON rate_window
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON rate_window
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE conversation_start ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON conversation_start
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON conversation_start
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE stream_lease ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON stream_lease
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON stream_lease
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
