-- Tokens each tenant's model calls used per UTC day and calendar month, for its token quotas (docs/limits.md,
-- "Token quotas"). Added to in the transaction that records a call's usage (model_usage), so the two agree; read
-- before every model call. exhausted_at marks that the tenant was told (audit record and QuotaExhausted event) that
-- this period's quota is spent, so it is told once per period, not once per refused message.
CREATE TABLE token_usage (
    tenant_id    TEXT NOT NULL,
    period       TEXT NOT NULL CHECK (period IN ('day', 'month')),
    period_start DATE NOT NULL,
    tokens       BIGINT NOT NULL CHECK (tokens >= 0),
    exhausted_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, period, period_start)
);

-- Row-level security like every tenant table (V12).
ALTER TABLE token_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON token_usage
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON token_usage
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
