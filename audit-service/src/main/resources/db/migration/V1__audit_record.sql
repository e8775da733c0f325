-- Append-only audit trail: rows are inserted once (ON CONFLICT DO NOTHING on record_id) and never changed.
CREATE TABLE audit.audit_record (
    record_id       TEXT        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    conversation_id TEXT,
    service         TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    subject_id      TEXT,
    detail          TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    stored_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every query is per tenant and conversation, in time order.
CREATE INDEX audit_record_conversation_idx ON audit.audit_record (tenant_id, conversation_id, occurred_at);

-- Enforce append-only in the database too, so no code path (or operator slip) can rewrite history.
CREATE FUNCTION audit.forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.audit_record is append-only';
END;
$$;

CREATE TRIGGER audit_record_append_only
    BEFORE UPDATE OR DELETE ON audit.audit_record
    FOR EACH ROW EXECUTE FUNCTION audit.forbid_audit_change();
