-- Tenants: the API key is stored only as its SHA-256 hash (the key itself is shown once, at creation).
CREATE TABLE tenants (
    id           uuid         PRIMARY KEY,
    name         varchar(200) NOT NULL,
    status       varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    api_key_hash varchar(64)  NOT NULL UNIQUE,
    version      bigint       NOT NULL CHECK (version >= 1),
    created_at   timestamp(6) with time zone NOT NULL
);

-- Transactional outbox: events written in the same transaction as the change they describe, published after
-- commit and by the relay until sent, in id order. A row keeps its event id, so a re-send is deduplicated downstream.
CREATE TABLE outbox (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        varchar(64)  NOT NULL UNIQUE,
    ce_type         varchar(200) NOT NULL,
    source          varchar(200) NOT NULL,
    event_time      timestamp(6) with time zone NOT NULL,
    tenant_id       varchar(64)  NOT NULL,
    conversation_id varchar(200),
    payload         text         NOT NULL,
    created_at      timestamp(6) with time zone NOT NULL,
    sent_at         timestamp(6) with time zone
);

-- The relay only ever looks for unsent rows, oldest first.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
