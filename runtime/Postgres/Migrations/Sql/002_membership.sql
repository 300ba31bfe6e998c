-- Silo membership, one cluster per cluster_id (several clusters or test runs can share a database).
-- membership_version holds the cluster's table version: every insert or update of a membership
-- row increments it in the same transaction, conditional on the version the writer read, so two
-- silos acting on the same view cannot both succeed (compare-and-swap). Each write also sends
-- NOTIFY on a channel derived from the cluster id, with the new version as payload.
CREATE TABLE IF NOT EXISTS membership_version (
    cluster_id  text    PRIMARY KEY,
    version     bigint  NOT NULL
);

-- One row per silo identity (host:port@generation). status is one of Joining, Active, ShuttingDown,
-- Dead; a Dead row is never written again, and its identity never inserted again while the row
-- exists. suspicions holds the death votes: [{"voter": "host:port@generation", "time": "..."}].
-- i_am_alive changes every few seconds without touching the version or the etag; it is not
-- indexed, and with free space left in each page (fillfactor) those updates stay in place (HOT).
CREATE TABLE IF NOT EXISTS membership (
    cluster_id    text        NOT NULL REFERENCES membership_version (cluster_id),
    address       text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('Joining', 'Active', 'ShuttingDown', 'Dead')),
    silo_name     text        NOT NULL,
    host_name     text        NOT NULL,
    gateway_port  integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    i_am_alive    timestamptz NOT NULL,
    suspicions    jsonb       NOT NULL DEFAULT '[]',
    etag          bigint      NOT NULL,
    PRIMARY KEY (cluster_id, address)
) WITH (fillfactor = 50);
