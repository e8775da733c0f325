-- One row per inbound message: the unit of work. All turn state lives here, so any worker can continue any turn.
CREATE TABLE turn (
    turn_id         TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT,
    channel         TEXT NOT NULL,
    user_text       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'WAITING_TOOLS', 'DONE')),
    iteration       INT NOT NULL DEFAULT 0,
    arrival         BIGSERIAL NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX turn_conversation_open ON turn (tenant_id, conversation_id, arrival) WHERE status <> 'DONE';
CREATE INDEX turn_running ON turn (updated_at) WHERE status = 'RUNNING';

-- The conversation as the model sees it, in order.
CREATE TABLE history (
    seq             BIGSERIAL PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    turn_id         TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('USER', 'ASSISTANT', 'TOOL')),
    content         TEXT,
    tool_calls      JSONB,
    tool_call_id    TEXT,
    tool_name       TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX history_conversation ON history (tenant_id, conversation_id, seq DESC);

-- Tool calls a turn is waiting for; call_id is the platform id, model_call_id the model's own.
CREATE TABLE tool_call (
    call_id       TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    turn_id       TEXT NOT NULL REFERENCES turn (turn_id),
    iteration     INT NOT NULL,
    idx           INT NOT NULL,
    model_call_id TEXT NOT NULL,
    tool_name     TEXT NOT NULL,
    arguments     TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('PENDING', 'DONE')),
    result        TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at  TIMESTAMPTZ
);
CREATE INDEX tool_call_turn ON tool_call (turn_id, iteration);

-- Events written in the same transaction as the state change that causes them; published after commit.
CREATE TABLE outbox (
    event_id        TEXT PRIMARY KEY,
    topic           TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    tenant_id       TEXT NOT NULL,
    conversation_id TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    source          TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
