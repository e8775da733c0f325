-- Slack connections (docs/channels.md, "Slack"): the type SLACK, and Socket Mode as a third way updates arrive.
-- The checks of V28 were unnamed, so they carry PostgreSQL's default names.
ALTER TABLE tenant.channel_connections DROP CONSTRAINT channel_connections_type_check;
ALTER TABLE tenant.channel_connections ADD CONSTRAINT channel_connections_type_check
    CHECK (type IN ('TELEGRAM', 'WHATSAPP', 'SLACK'));
ALTER TABLE tenant.channel_connections DROP CONSTRAINT channel_connections_mode_check;
ALTER TABLE tenant.channel_connections ADD CONSTRAINT channel_connections_mode_check
    CHECK (mode IN ('WEBHOOK', 'POLLING', 'SOCKET_MODE'));
