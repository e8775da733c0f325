-- Voice notes waiting for transcription (docs/channels.md, "Voice notes"). Written by the webhook in the same step as
-- the dedupe reservation (before the platform gets its 2xx), so a note is never lost; transcribed later from this row
-- by any instance. States: PENDING (next_attempt_at says when), WORKING (claimed until lease_until; a claim whose
-- lease ran out is taken again), DONE (the MessageReceived or the reply was published), FAILED (retries spent; the
-- user was told). The platform's file id stays here only until the note is settled.
CREATE TABLE voice_note (
    tenant_id       text        NOT NULL,
    message_id      text        NOT NULL,
    conversation_id text        NOT NULL,
    connection_id   text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('telegram', 'whatsapp')),
    user_id         text        NOT NULL,
    client_message_id text      NOT NULL,
    file_id         text,
    mime_type       text,
    size_bytes      bigint      NOT NULL DEFAULT 0,
    caption         text        NOT NULL DEFAULT '',
    state           text        NOT NULL DEFAULT 'PENDING'
        CHECK (state IN ('PENDING', 'WORKING', 'DONE', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX voice_note_due ON voice_note (next_attempt_at) WHERE state IN ('PENDING', 'WORKING');

-- Row-level security as on the other tables (V2__row_level_security.sql); the transcription worker claims across
-- tenants.
ALTER TABLE voice_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON voice_note
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON voice_note
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
