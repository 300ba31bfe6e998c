-- The append-only audit log of staff actions. The trigger refuses UPDATE, DELETE and TRUNCATE,
-- so not even a bug (or a compromised API) can rewrite history through this schema.
CREATE TABLE IF NOT EXISTS audit_log (
    sequence  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    target    text        NOT NULL,
    outcome   text        NOT NULL,
    detail    text
);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, sequence DESC);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target, sequence DESC);

CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
