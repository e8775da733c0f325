-- Discord (docs/channels.md, "Discord"): a fourth channel in the tables that name one (the checks V10 named), and the
-- interactions whose reply goes back through their webhook. A row keeps the interaction's token (valid 15 minutes
-- at Discord) only until it is of no use: the purge deletes it once received_at is older than the token's life, and
-- tenant erasure with the tenant. It is keyed by the tenant and Discord's interaction id, which is the channel
-- message's platform_message_id.
ALTER TABLE channel_message DROP CONSTRAINT channel_message_channel_check;
ALTER TABLE channel_message ADD CONSTRAINT channel_message_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack', 'discord'));
ALTER TABLE channel_delivery DROP CONSTRAINT channel_delivery_channel_check;
ALTER TABLE channel_delivery ADD CONSTRAINT channel_delivery_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack', 'discord'));
ALTER TABLE voice_note DROP CONSTRAINT voice_note_channel_check;
ALTER TABLE voice_note ADD CONSTRAINT voice_note_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack', 'discord'));

CREATE TABLE discord_interaction (
    tenant_id       text        NOT NULL,
    interaction_id  text        NOT NULL CHECK (interaction_id ~ '^[0-9]{1,20}$'),
    connection_id   text        NOT NULL,
    application_id  text        NOT NULL CHECK (application_id ~ '^[0-9]{1,20}$'),
    token           text        NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- The reply whose first part replaces the deferred response (PATCH @original); any other reply follows up.
    original_reply  text,
    PRIMARY KEY (tenant_id, interaction_id)
);
CREATE INDEX discord_interaction_age ON discord_interaction (received_at);

ALTER TABLE discord_interaction ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON discord_interaction
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON discord_interaction
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
