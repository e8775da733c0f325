-- TRUNCATE fires no row trigger: a statement trigger refuses it as well. The service's login role has no TRUNCATE,
-- UPDATE or DELETE privilege and does not own the table, so it can neither empty it nor disable or drop a trigger;
-- these triggers stop the owner too (a migration, an operator slip).
CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit.audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit.forbid_audit_change();
