-- The two writes every posted message makes, each as one statement: a function that sets the row scope itself
-- (app.tenant_id, local to the statement's own transaction) and then writes. Through RowScope.inTenant each took
-- four round trips (BEGIN, set_config, the write, COMMIT), the admission seven; they were most of ingress's database
-- work per message (docs/performance.md). Both run as the caller (SECURITY INVOKER), so row-level security applies.

-- Counts a message against its limits, all or nothing: counter i is named p_names[i], counts p_subjects[i] in
-- windows of p_units[i] ('minute' or 'day', UTC) up to p_limits[i] hits, paced by p_burst[i] and p_min_burst[i]
-- (see MessageHit.Pace), and when p_per_conversation[i] only for a conversation the tenant had not started. Admitted:
-- no row. Refused: one row, the first counter reached and the whole seconds until it allows another hit; the block's
-- exception rolls back what the message counted before, so it counts against nothing and does not register its
-- conversation (caught here, the refusal never reaches the server log as an error).
CREATE FUNCTION admit_message(p_tenant text, p_conversation text, p_names text[], p_subjects text[], p_units text[],
                              p_limits integer[], p_per_conversation boolean[], p_burst float8[],
                              p_min_burst integer[])
    RETURNS TABLE (refused_counter text, retry_after bigint)
    LANGUAGE plpgsql AS $$
DECLARE
    started boolean;
    counted integer;
    wait bigint;
    refused text;
    refused_wait text;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant, true);
    BEGIN
        FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
            IF p_per_conversation[i] THEN
                IF started IS NULL THEN
                    INSERT INTO ingress.conversation_start (tenant_id, conversation_id) VALUES (p_tenant, p_conversation)
                    ON CONFLICT (tenant_id, conversation_id) DO NOTHING;
                    started := FOUND;
                END IF;
                CONTINUE WHEN NOT started;
            END IF;
            counted := NULL;
            INSERT INTO ingress.rate_window AS w (tenant_id, counter, subject, window_start, hits)
            VALUES (p_tenant, p_names[i], p_subjects[i],
                    date_trunc(p_units[i], now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 1)
            ON CONFLICT (tenant_id, counter, subject, window_start) DO UPDATE SET hits = w.hits + 1
            WHERE w.hits < least(p_limits[i], greatest(p_min_burst[i], ceil(p_limits[i] * (p_burst[i]
                + extract(epoch FROM now() - w.window_start) / extract(epoch FROM ('1 ' || p_units[i])::interval)))))
            RETURNING hits INTO counted;
            IF counted IS NULL THEN
                -- The window's end when it holds its limit, else the moment its pace allows one more.
                SELECT greatest(1, ceil(CASE WHEN w.hits >= p_limits[i]
                           THEN extract(epoch FROM w.window_start + ('1 ' || p_units[i])::interval - clock_timestamp())
                           ELSE extract(epoch FROM ('1 ' || p_units[i])::interval) * (w.hits::float8 / p_limits[i]
                               - p_burst[i]) - extract(epoch FROM clock_timestamp() - w.window_start) END))::bigint
                INTO wait
                FROM ingress.rate_window w
                WHERE w.tenant_id = p_tenant AND w.counter = p_names[i] AND w.subject = p_subjects[i]
                  AND w.window_start = date_trunc(p_units[i], now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
                RAISE EXCEPTION USING ERRCODE = 'AL429', MESSAGE = p_names[i], DETAIL = coalesce(wait, 1)::text;
            END IF;
        END LOOP;
    EXCEPTION WHEN SQLSTATE 'AL429' THEN
        GET STACKED DIAGNOSTICS refused = MESSAGE_TEXT, refused_wait = PG_EXCEPTION_DETAIL;
        RETURN QUERY SELECT refused, refused_wait::bigint;
    END;
END
$$;

-- Stores one conversation message unless it is stored already (the POST path and the view consumer both write it).
CREATE FUNCTION store_conversation_message(p_tenant text, p_conversation text, p_message text, p_direction text,
                                           p_user text, p_text text, p_in_reply_to text, p_model text,
                                           p_occurred timestamptz) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant, true);
    INSERT INTO ingress.conversation_message
        (tenant_id, conversation_id, message_id, direction, user_id, text, in_reply_to, model, occurred_at)
    VALUES (p_tenant, p_conversation, p_message, p_direction, p_user, p_text, p_in_reply_to, p_model, p_occurred)
    ON CONFLICT (tenant_id, message_id) DO NOTHING;
END
$$;
