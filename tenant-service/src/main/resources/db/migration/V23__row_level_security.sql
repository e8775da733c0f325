-- Row-level security, the second line behind every query's tenant filter (docs/security.md, "Row-level security"):
-- the service's login role sees the rows of the tenant its transaction set (app.tenant_id), every row only in a
-- transaction of cross-tenant work (app.cross_tenant = 'on': the platform administrator's tenant list, template
-- changes and creating a tenant from a template), and nothing otherwise. The owner (migrations) is exempt. The ids are
-- uuid: they are compared as text, since the setting is '' (not null) on a connection once a transaction has set it.
-- admin_audit rows of template changes have no tenant: only cross-tenant work sees them. The outbox stays cross-tenant
-- (its relay publishes every tenant's events; no tenant reads it); tenant_templates belong to no tenant.

-- A tenant is scoped by its own id.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenants
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON tenants
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE assistant_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON assistant_versions
    USING (tenant_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON assistant_versions
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON api_keys
    USING (tenant_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON api_keys
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');

ALTER TABLE admin_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON admin_audit
    USING (tenant_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON admin_audit
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
