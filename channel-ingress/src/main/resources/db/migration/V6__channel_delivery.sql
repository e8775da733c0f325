-- Outbound delivery (docs/channels.md, "Delivery"): one send record per reply part, claimed before the platform is
-- called and settled with its answer, so that a redelivered reply sends nothing twice. States: PENDING (not sent,
-- next_attempt_at says when it may be tried), SENDING (claimed; the call may be under way), SENT (the platform's
-- message id), UNCONFIRMED (a SENDING part whose claim outlived claim-timeout: the sender died or timed out after
-- the request may have reached the platform; never sent again, audited), FAILED (permanently, or retries spent).
CREATE TABLE channel_delivery (
    tenant_id           text        NOT NULL,
    reply_id            text        NOT NULL,
    part_index          integer     NOT NULL CHECK (part_index >= 0),
    part_count          integer     NOT NULL CHECK (part_count > part_index),
    conversation_id     text        NOT NULL,
    connection_id       text        NOT NULL,
    channel             text        NOT NULL CHECK (channel IN ('telegram', 'whatsapp')),
    chat_id             text        NOT NULL,
    thread_id           text,
    reply_to            text,
    body                text        NOT NULL,
    plain_body          text        NOT NULL,
    state               text        NOT NULL DEFAULT 'PENDING'
        CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'UNCONFIRMED', 'FAILED')),
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    claimed_at          timestamptz,
    platform_message_id text,
    last_error          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, reply_id, part_index)
);
CREATE INDEX channel_delivery_open ON channel_delivery (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');

-- Send pacing shared by every delivery instance: the earliest time the next message may go to a chat, a group, a
-- bot or a WhatsApp number. Taking a slot moves the time on in the same statement, so two instances never take one.
CREATE TABLE delivery_rate (
    tenant_id       text        NOT NULL,
    rate_key        text        NOT NULL,
    next_allowed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, rate_key)
);
CREATE INDEX delivery_rate_age ON delivery_rate (next_allowed_at);

-- Row-level security as on the other tables (V2__row_level_security.sql).
ALTER TABLE channel_delivery ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON channel_delivery
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON channel_delivery
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE delivery_rate ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON delivery_rate
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON delivery_rate
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
