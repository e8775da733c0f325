-- A tenant's own limits at ingress (docs/limits.md); NULL = the platform's default (aleff.limits.*).
ALTER TABLE tenant.tenants
    ADD COLUMN limit_messages_per_minute         integer CHECK (limit_messages_per_minute BETWEEN 1 AND 1000000),
    ADD COLUMN limit_messages_per_minute_per_key integer
        CHECK (limit_messages_per_minute_per_key BETWEEN 1 AND 1000000),
    ADD COLUMN limit_concurrent_streams          integer CHECK (limit_concurrent_streams BETWEEN 1 AND 1000000),
    ADD COLUMN limit_conversations_per_day       integer CHECK (limit_conversations_per_day BETWEEN 1 AND 1000000);

-- When each API key was last used, from the services' coarse reports (topic aleff.tenant.api-key-usage.v1).
ALTER TABLE tenant.api_keys ADD COLUMN last_used_at timestamptz;
