-- Channel connections (docs/channels.md, "Inbound webhooks"): the latest state of each tenant's Telegram bot or
-- WhatsApp number, copied from the compacted topic aleff.tenant.channel-connections.v1 so that every ingress instance
-- routes a webhook by its connection id. A DELETED connection keeps only its id, tenant and version (no settings, no
-- credentials), so a stale record replayed later cannot bring it back; tenant erasure removes the row.
CREATE TABLE channel_connection (
    connection_id text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    type          text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'DELETED')),
    mode          text        NOT NULL,
    settings      jsonb       NOT NULL,
    account       jsonb,
    credentials   jsonb       NOT NULL,
    version       bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channel_connection_tenant ON channel_connection (tenant_id);
CREATE INDEX channel_connection_active ON channel_connection (type, mode) WHERE status = 'ACTIVE';

-- One row per accepted channel message, written before its MessageReceived is published: where a reply to it goes
-- (delivery looks up ReplyReady.inReplyTo), and when the user last wrote (WhatsApp's 24-hour window).
CREATE TABLE channel_message (
    tenant_id           text        NOT NULL,
    message_id          text        NOT NULL,
    conversation_id     text        NOT NULL,
    connection_id       text        NOT NULL,
    channel             text        NOT NULL CHECK (channel IN ('telegram', 'whatsapp')),
    chat_id             text        NOT NULL,
    thread_id           text,
    platform_message_id text        NOT NULL,
    sender_id           text        NOT NULL,
    received_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX channel_message_conversation ON channel_message (tenant_id, conversation_id, received_at DESC);

-- Row-level security as on the other tables (V2__row_level_security.sql).
ALTER TABLE channel_connection ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON channel_connection
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON channel_connection
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE channel_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON channel_message
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON channel_message
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
