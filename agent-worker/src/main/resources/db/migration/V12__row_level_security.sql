-- Row-level security, the second line behind every query's tenant filter (docs/security.md, "Database isolation"):
-- the service's login role sees the rows of the tenant its transaction set (app.tenant_id), every row only in a
-- transaction of a cross-tenant job (app.cross_tenant = 'on': the stale-turn and tool-timeout sweeps, which find
-- every tenant's overdue work), and nothing otherwise. The owner (migrations) is exempt. The outbox stays cross-tenant (its relay
-- publishes every tenant's events; no tenant reads it).

ALTER TABLE turn ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON turn
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON turn
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON history
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON history
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE tool_call ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tool_call
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tool_call
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE conversation_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON conversation_session
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON conversation_session
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE history_summary ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON history_summary
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON history_summary
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE model_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON model_usage
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON model_usage
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
