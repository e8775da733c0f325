-- A template's limits for the tenants made from it (JSON of TenantLimits; null: the platform defaults).
ALTER TABLE tenant_templates ADD COLUMN limits text;
