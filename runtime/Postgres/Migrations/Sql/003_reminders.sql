-- Reminders: one row per (service, grain, reminder name). Ticks are computed from start_time and
-- period_ms, so a tick writes nothing; rows change only when a reminder is registered, updated or
-- removed. Each silo reads the rows of its service and keeps those of the grains it owns, which the
-- primary key's leading service_id serves; a grain's own rows are a prefix of the key as well.
-- The etag is drawn from one sequence for all rows, so a version is never issued twice, not even
-- after a reminder is removed and registered again: a handle read before that cannot match.
CREATE SEQUENCE IF NOT EXISTS reminders_etag_seq;

CREATE TABLE IF NOT EXISTS reminders (
    service_id     text        NOT NULL,
    grain_type     text        NOT NULL,
    grain_key      text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint      NOT NULL CHECK (period_ms > 0),
    etag           bigint      NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);
