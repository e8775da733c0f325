-- The outbox moves to the layout every service shares (platform-support's OutboxTable): an identity id giving the
-- insertion order, the CloudEvent attributes under their shared names, the topic derived from the type. Every row is
-- carried over in its old order (created_at), sent or not, so an event still waiting is published after the upgrade
-- under its original id.
ALTER TABLE outbox RENAME TO outbox_before_v11;
ALTER TABLE outbox_before_v11 RENAME CONSTRAINT outbox_pkey TO outbox_before_v11_pkey;
ALTER INDEX outbox_unsent RENAME TO outbox_before_v11_unsent;

CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text        NOT NULL UNIQUE,
    ce_type         text        NOT NULL,
    source          text        NOT NULL,
    event_time      timestamptz NOT NULL,
    tenant_id       text        NOT NULL,
    conversation_id text,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

INSERT INTO outbox (event_id, ce_type, source, event_time, tenant_id, conversation_id, payload, created_at, sent_at)
SELECT event_id, event_type, source, occurred_at, tenant_id, conversation_id, payload, created_at, sent_at
FROM outbox_before_v11
ORDER BY created_at, event_id;

DROP TABLE outbox_before_v11;
