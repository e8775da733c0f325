-- The web chat widget's event log (docs/widget.md, "Transport"): a visitor stream resumes from the seq of the last
-- reply it saw, on any instance. Replies are the conversation_message rows the outbound consumer stores once per
-- reply id; this index serves "the conversation's replies after seq N" without sorting.
CREATE INDEX conversation_message_reply_log ON conversation_message (tenant_id, conversation_id, seq)
    WHERE direction = 'OUTBOUND';
