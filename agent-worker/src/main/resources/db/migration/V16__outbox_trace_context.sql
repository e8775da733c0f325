-- The outbox keeps the W3C trace context (traceparent, tracestate) of the change that wrote each row, so the relay's
-- send continues that trace (platform-support's OutboxTable). Null for rows written before, or outside any trace.
ALTER TABLE outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text;
