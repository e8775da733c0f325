-- Telegram long polling (docs/channels.md, "Long polling").
-- Single-holder leases of this service (platform-support ai.aleff.platform.lease.LeaseTable layout): one row per
-- lease name ('telegram:<connectionId>'); released and expired rows stay, so epochs only grow. No tenant column: the
-- name says what is held, and the instances' poll loops serve every tenant.
CREATE TABLE channel_lease (
    name        text        PRIMARY KEY,
    holder      text        NOT NULL,
    epoch       bigint      NOT NULL,
    expires_at  timestamptz NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now()
);

-- Where each polled bot resumes: the getUpdates offset after the last batch whose every update was handled (Kafka
-- acknowledged, or dropped as a duplicate or ignored). Written only by the holder of the connection's lease, fenced
-- by its epoch in the same statement; epoch is the writer's, so a deposed holder cannot move it back either.
CREATE TABLE telegram_poll_offset (
    connection_id text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    next_offset   bigint      NOT NULL,
    epoch         bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX telegram_poll_offset_tenant ON telegram_poll_offset (tenant_id);

-- Row-level security as on the other tables (V2__row_level_security.sql).
ALTER TABLE telegram_poll_offset ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON telegram_poll_offset
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON telegram_poll_offset
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
