-- The Discord Gateway (docs/channels.md, "Discord Gateway").
-- Where each bot's Gateway session resumes: the session of its last READY, the URL Discord named for resuming it,
-- and the sequence number of the last dispatch whose message was handled (Kafka acknowledged, or dropped as a
-- duplicate or ignored). A new holder of the lease ('discord-gateway:<connectionId>') RESUMEs from here, so Discord
-- replays what came after (and no IDENTIFY is spent); a null session means the next connection must IDENTIFY.
-- Written only by the holder of the lease, fenced by its epoch in the same statement (as telegram_poll_offset).
CREATE TABLE discord_gateway_session (
    connection_id text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    session_id    text,
    resume_url    text,
    seq           bigint      NOT NULL DEFAULT 0,
    epoch         bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discord_gateway_session_tenant ON discord_gateway_session (tenant_id);

-- Every IDENTIFY a bot sent, recorded before it is sent: Discord resets a bot's token after 1,000 in 24 hours, so
-- the count of the last 24 hours (with Discord's own session_start_limit) decides whether another may go.
CREATE TABLE discord_gateway_identify (
    connection_id text        NOT NULL,
    tenant_id     text        NOT NULL,
    identified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discord_gateway_identify_connection ON discord_gateway_identify (connection_id, identified_at);
CREATE INDEX discord_gateway_identify_tenant ON discord_gateway_identify (tenant_id);

-- Row-level security as on the other tables (V2__row_level_security.sql).
ALTER TABLE discord_gateway_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON discord_gateway_session
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON discord_gateway_session
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
ALTER TABLE discord_gateway_identify ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON discord_gateway_identify
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON discord_gateway_identify
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
