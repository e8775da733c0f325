-- Row-level security, the second line behind every query's tenant filter (docs/security.md, "Database isolation"):
-- the service's login role reads the rows of the tenant its transaction set (app.tenant_id); the batch consumer,
-- which stores every tenant's records, writes in a cross-tenant transaction (app.cross_tenant = 'on'); a transaction
-- that set neither sees and writes nothing. The owner (migrations) is exempt.
ALTER TABLE audit.audit_record ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON audit.audit_record
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON audit.audit_record
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
