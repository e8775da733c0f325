-- Every model call's usage (UsageRecorded on aleff.usage.v1, from the agent workers), for the tenant's usage API
-- (docs/limits.md, "Usage"). Keyed by the event's usage id, so a redelivered event is stored once. Kept per call
-- rather than as daily sums so "messages" (distinct user messages) stays exact; erased with the tenant.
CREATE TABLE tenant.model_usage (
    usage_id      text PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenant.tenants (id),
    day           date NOT NULL,
    provider      text NOT NULL,
    model         text NOT NULL,
    message_id    text,
    input_tokens  bigint NOT NULL CHECK (input_tokens >= 0),
    output_tokens bigint NOT NULL CHECK (output_tokens >= 0),
    cost          numeric NOT NULL CHECK (cost >= 0),
    currency      char(3) NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX model_usage_tenant_day ON tenant.model_usage (tenant_id, day);

-- Row-level security like every tenant table (V23).
ALTER TABLE tenant.model_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenant.model_usage
    USING (tenant_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tenant.model_usage
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
