-- Grain state: one row per (grain type, key, state name). The etag is a version that every
-- write increments; writers compare it to detect a stale activation (optimistic concurrency).
-- Only payload, etag and updated_at change on a write and none is indexed, so with free space
-- left in each page (fillfactor) PostgreSQL can update rows in place (HOT) without touching
-- the primary-key index.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    etag        bigint      NOT NULL,
    payload     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
) WITH (fillfactor = 80);
