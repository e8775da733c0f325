-- Idempotency keys of API senders: a clientMessageId maps to one messageId for ever. PENDING until Kafka acked.
CREATE TABLE client_message (
    tenant_id         text        NOT NULL,
    client_message_id text        NOT NULL,
    message_id        text        NOT NULL,
    conversation_id   text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, client_message_id)
);

-- The conversation as the tenant sees it: inbound messages and replies, each stored once.
CREATE TABLE conversation_message (
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id       text        NOT NULL,
    conversation_id text        NOT NULL,
    message_id      text        NOT NULL,
    direction       text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    user_id         text,
    text            text        NOT NULL,
    in_reply_to     text,
    model           text,
    occurred_at     timestamptz NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, message_id)
);

CREATE INDEX conversation_message_timeline ON conversation_message (tenant_id, conversation_id, occurred_at, seq);
