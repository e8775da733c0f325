-- Reply streams follow the log by notification rather than by polling it (docs/widget.md, "Transport"). A reply is
-- stored by this function, which returns its seq and the seq of the conversation's reply before it, and in the same
-- transaction notifies channel aleff_ingress_reply (delivered on commit only, so a listener never hears of a row it
-- cannot read yet). Payload: "<seq> <previous seq> <origin instance> <tenant> <conversation>", the conversation last
-- because it is the one part that may hold spaces. Ids and seqs only, never text: any role of the database may LISTEN.
-- The storing instance hands the row to its own streams itself and skips its own notifications (the origin).
CREATE FUNCTION store_reply(p_tenant text, p_conversation text, p_message text, p_text text, p_in_reply_to text,
                            p_model text, p_occurred timestamptz, p_origin text)
    RETURNS TABLE (stored_seq bigint, previous_seq bigint)
    LANGUAGE plpgsql AS $$
DECLARE
    stored   bigint;
    previous bigint;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant, true);
    -- One conversation's replies are stored one at a time even across instances (a partition handed over in a
    -- rebalance while its old consumer still writes): seqs then grow in commit order, and "previous" is exact, which
    -- lets a stream that sent that previous reply take this one without reading the table.
    PERFORM pg_advisory_xact_lock(hashtextextended('ingress.reply:' || p_tenant || ' ' || p_conversation, 0));
    SELECT max(m.seq) INTO previous FROM ingress.conversation_message m
    WHERE m.tenant_id = p_tenant AND m.conversation_id = p_conversation AND m.direction = 'OUTBOUND';
    INSERT INTO ingress.conversation_message
        (tenant_id, conversation_id, message_id, direction, user_id, text, in_reply_to, model, occurred_at)
    VALUES (p_tenant, p_conversation, p_message, 'OUTBOUND', NULL, p_text, p_in_reply_to, p_model, p_occurred)
    ON CONFLICT (tenant_id, message_id) DO NOTHING
    RETURNING seq INTO stored;
    IF stored IS NOT NULL THEN
        PERFORM pg_notify('aleff_ingress_reply',
                          stored || ' ' || coalesce(previous, 0) || ' ' || p_origin || ' ' || p_tenant || ' '
                              || p_conversation);
    END IF;
    RETURN QUERY SELECT coalesce(stored, 0), coalesce(previous, 0);
END
$$;

-- Widget streams are limited per visitor as well as per tenant (docs/widget.md, "Limits"): a visitor stream's lease
-- names the visitor's conversation; an integrator stream's lease names none.
ALTER TABLE stream_lease ADD COLUMN holder text;
