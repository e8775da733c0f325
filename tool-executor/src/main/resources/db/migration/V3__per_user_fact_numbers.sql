-- Fact ids shown to the model were the global identity: a tenant could read from them how many facts all tenants
-- stored. Each user's facts get their own numbers instead (1, 2, 3, ... never reused after a delete, so a stale id
-- cannot forget a newer fact); the identity stays internal.
ALTER TABLE memory_fact ADD COLUMN fact_no BIGINT;
UPDATE memory_fact f SET fact_no = n.rn
FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id, user_id ORDER BY id) AS rn FROM memory_fact) n
WHERE n.id = f.id;
ALTER TABLE memory_fact ALTER COLUMN fact_no SET NOT NULL;
CREATE UNIQUE INDEX memory_fact_number ON memory_fact (tenant_id, user_id, fact_no);

-- The last number given to each user's facts. Written under the user's memory lock (MemoryRepository.lockUser).
CREATE TABLE memory_fact_counter (
    tenant_id TEXT   NOT NULL,
    user_id   TEXT   NOT NULL,
    last_no   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
INSERT INTO memory_fact_counter (tenant_id, user_id, last_no)
SELECT tenant_id, user_id, max(fact_no) FROM memory_fact GROUP BY tenant_id, user_id;

-- Tenant-scoped like memory_fact: the same row-level security (docs/security.md, "Database isolation").
ALTER TABLE memory_fact_counter ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON memory_fact_counter
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY cross_tenant_jobs ON memory_fact_counter
    USING (current_setting('app.cross_tenant', true) = 'on')
    WITH CHECK (current_setting('app.cross_tenant', true) = 'on');
