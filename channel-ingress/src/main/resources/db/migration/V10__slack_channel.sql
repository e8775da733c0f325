-- Slack (docs/channels.md, "Slack"): a third channel in the tables that name one. The checks of V5, V6 and V9 were
-- unnamed, so they carry PostgreSQL's default names.
ALTER TABLE channel_message DROP CONSTRAINT channel_message_channel_check;
ALTER TABLE channel_message ADD CONSTRAINT channel_message_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack'));
ALTER TABLE channel_delivery DROP CONSTRAINT channel_delivery_channel_check;
ALTER TABLE channel_delivery ADD CONSTRAINT channel_delivery_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack'));
ALTER TABLE voice_note DROP CONSTRAINT voice_note_channel_check;
ALTER TABLE voice_note ADD CONSTRAINT voice_note_channel_check
    CHECK (channel IN ('telegram', 'whatsapp', 'slack'));
