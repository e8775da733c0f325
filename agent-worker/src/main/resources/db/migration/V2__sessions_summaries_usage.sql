-- The current session of a conversation; no row means session 1 from the start. /reset moves the boundaries:
-- history up to history_after_seq stays stored (audit) but is no longer sent to the model, and /status counts the
-- turns that arrived after turns_after_arrival.
CREATE TABLE conversation_session (
    tenant_id           TEXT NOT NULL,
    conversation_id     TEXT NOT NULL,
    session_no          INT NOT NULL,
    history_after_seq   BIGINT NOT NULL,
    turns_after_arrival BIGINT NOT NULL,
    started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, conversation_id)
);

-- Model-written summaries of older history. A summary covers every history entry of its conversation with
-- seq <= covers_to_seq (back to the session start, including the previous summary); the newest one of the current
-- session replaces those entries in model calls. Keyed by what it covers, so a redone compaction inserts nothing.
CREATE TABLE history_summary (
    tenant_id       TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    covers_to_seq   BIGINT NOT NULL,
    summary         TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, conversation_id, covers_to_seq)
);

-- What each successful model call consumed (the same figures as UsageRecorded), for /status.
CREATE TABLE model_usage (
    usage_id        TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    turn_id         TEXT NOT NULL,
    provider        TEXT NOT NULL,
    model           TEXT NOT NULL,
    input_tokens    BIGINT NOT NULL,
    output_tokens   BIGINT NOT NULL,
    cost            NUMERIC NOT NULL,
    currency        TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX model_usage_turn ON model_usage (turn_id);

-- The tool-timeout sweep looks for old pending calls.
CREATE INDEX tool_call_pending ON tool_call (created_at) WHERE status = 'PENDING';
