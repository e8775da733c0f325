-- Discord connections (docs/channels.md, "Discord"): the type DISCORD (interactions arrive at the WEBHOOK URL, the
-- application's Interactions Endpoint URL). The type check is the one V30 named.
ALTER TABLE tenant.channel_connections DROP CONSTRAINT channel_connections_type_check;
ALTER TABLE tenant.channel_connections ADD CONSTRAINT channel_connections_type_check
    CHECK (type IN ('TELEGRAM', 'WHATSAPP', 'SLACK', 'DISCORD'));
