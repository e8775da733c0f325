-- Delivery statuses (docs/channels.md, "Delivery statuses"): what WhatsApp's status webhooks say about a sent part,
-- joined to its send record by the wamid our send got back (platform_message_id). The status only moves forward
-- (sent < delivered < read; failed is recorded with its error code whenever it comes), so a late or repeated
-- webhook never moves it back. Telegram reports nothing: its parts keep delivery_status NULL.
ALTER TABLE channel_delivery ADD COLUMN delivery_status text
    CHECK (delivery_status IN ('sent', 'delivered', 'read', 'failed'));
ALTER TABLE channel_delivery ADD COLUMN delivery_error text;
ALTER TABLE channel_delivery ADD COLUMN delivery_status_at timestamptz;

-- A status webhook names only the wamid.
CREATE INDEX channel_delivery_platform_message ON channel_delivery (tenant_id, connection_id, platform_message_id)
    WHERE platform_message_id IS NOT NULL;
-- Typing stops once a reply to the user's message has send records (docs/channels.md, "Typing and read receipts").
CREATE INDEX channel_delivery_reply_to ON channel_delivery (tenant_id, conversation_id, reply_to);
-- The purge deletes settled records by age.
CREATE INDEX channel_delivery_age ON channel_delivery (updated_at);

-- Media replies (docs/channels.md, "Media replies"): a part that sends an image by URL (body = its caption).
ALTER TABLE channel_delivery ADD COLUMN media_url text;
