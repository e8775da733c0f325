-- Discord Gateway (docs/channels.md, "Discord Gateway"): a fourth way updates arrive, GATEWAY, where channel-ingress
-- holds the bot's Gateway session (direct messages and mentions, no public URL needed). The check is the one V30 named.
ALTER TABLE tenant.channel_connections DROP CONSTRAINT channel_connections_mode_check;
ALTER TABLE tenant.channel_connections ADD CONSTRAINT channel_connections_mode_check
    CHECK (mode IN ('WEBHOOK', 'POLLING', 'SOCKET_MODE', 'GATEWAY'));
