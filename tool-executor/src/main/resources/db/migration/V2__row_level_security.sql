-- Row-level security, the second line behind every query's tenant filter (docs/security.md, "Database isolation"):
-- the service's login role sees the rows of the tenant its transaction set (app.tenant_id), every row only in a
-- transaction of a cross-tenant job (app.cross_tenant = 'on'), and nothing otherwise. The owner (migrations) is exempt.
ALTER TABLE tools.tool_call ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tools.tool_call
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tools.tool_call
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE tools.memory_fact ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tools.memory_fact
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tools.memory_fact
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
