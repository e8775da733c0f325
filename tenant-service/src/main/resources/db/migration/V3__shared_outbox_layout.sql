-- The outbox moves to the layout every service shares (platform-support's OutboxTable): text columns, created_at
-- filled by the database. Rows and their ids stay, so unsent events keep their place and are still published.
ALTER TABLE outbox
    ALTER COLUMN event_id TYPE text,
    ALTER COLUMN ce_type TYPE text,
    ALTER COLUMN source TYPE text,
    ALTER COLUMN tenant_id TYPE text,
    ALTER COLUMN conversation_id TYPE text,
    ALTER COLUMN created_at SET DEFAULT now();
