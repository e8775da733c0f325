-- A tenant's own token quotas, enforced by the agent worker (docs/limits.md); NULL = the platform's default.
ALTER TABLE tenant.tenants
    ADD COLUMN limit_tokens_per_day   bigint CHECK (limit_tokens_per_day BETWEEN 1 AND 1000000000000),
    ADD COLUMN limit_tokens_per_month bigint CHECK (limit_tokens_per_month BETWEEN 1 AND 1000000000000);
