-- One row per idempotency key: the claim on a tool call and, once it finished, its outcome. A redelivered or resumed
-- request with the same key gets the stored outcome instead of a second run, on any instance and after restarts.
CREATE TABLE tool_call (
    tenant_id       TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    call_id         TEXT NOT NULL,
    tool_name       TEXT NOT NULL,
    -- The run that owns the call; a claim older than aleff.tools.claim-expiry without an outcome belongs to a dead
    -- run and is taken over with a new token.
    claim_token     UUID NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INT NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'OK', 'ERROR')),
    result          TEXT,
    error           TEXT,
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, idempotency_key),
    CHECK ((status = 'RUNNING') = (completed_at IS NULL))
);
CREATE INDEX tool_call_completed ON tool_call (completed_at);

-- Long-term memory: facts the model chose to remember about one user of one tenant.
CREATE TABLE memory_fact (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    fact         TEXT NOT NULL CHECK (length(fact) BETWEEN 1 AND 1000),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The call that stored it, for tracing a fact back to its conversation.
    call_id      TEXT NOT NULL
);
CREATE INDEX memory_fact_owner ON memory_fact (tenant_id, user_id, created_at DESC);
-- Identical facts (ignoring case) are stored once per user. Hashed: a 1,000-character fact can exceed the size a
-- b-tree entry may have.
CREATE UNIQUE INDEX memory_fact_unique ON memory_fact (tenant_id, user_id, md5(lower(fact)));
