-- Orleans cluster membership on PostgreSQL, for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql"):
-- the silos' membership table, its version row, and the queries the provider runs, stored in
-- orleansquery. Follows the providers' query contract: the provider reads every query text by its key
-- at start-up (a missing key stops the silo), binds parameters by name (@DeploymentId, @Address, ...)
-- and reads result columns by name, so the keys, parameter names and column aliases below are fixed
-- by Orleans; tables, types and constraints are ours. Checked against Orleans 10.4.2.
--
-- Written to be re-runnable (IF NOT EXISTS, OR REPLACE, upserted query rows), although the migrator
-- applies it once.

-- The queries of every Orleans ADO.NET provider (clustering, grain storage, reminders), by key. The
-- providers read it with the unquoted "SELECT QueryKey, QueryText FROM OrleansQuery", which PostgreSQL
-- folds to lower case, hence the name; Npgsql matches the column names case-insensitively.
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey   text NOT NULL PRIMARY KEY,
    querytext  text NOT NULL
);

-- One row per cluster (the provider calls the cluster id DeploymentId) holding the membership table's
-- version. Every change to the cluster's membership rows (not the I-am-alive heartbeat) increments it,
-- and a change is only made when the writer read the current version (optimistic concurrency, the
-- table-wide etag of Orleans' membership protocol). Silos insert it on start-up.
CREATE TABLE IF NOT EXISTS orleans_membership_versions (
    cluster_id  text        NOT NULL PRIMARY KEY,
    version     integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation: address, port and generation (its start time stamp) identify it.
-- status is Orleans' SiloStatus (3 Active, 6 Dead, ...). proxy_port is the gateway port, 0 when the
-- silo is no gateway. suspect_times is Orleans' own encoding of the votes against the silo
-- ("silo-address,time|..."), NULL when there are none. The address stays text: it is compared as the
-- string IPAddress.ToString() gives, which for IPv6 may carry a zone id that inet rejects.
-- Each silo rewrites i_am_alive_time every few seconds; nothing indexes it, and free room in each
-- page (fillfactor) lets those updates stay HOT. Deleting a cluster's version row deletes its rows.
CREATE TABLE IF NOT EXISTS orleans_membership (
    cluster_id       text        NOT NULL REFERENCES orleans_membership_versions (cluster_id) ON DELETE CASCADE,
    address          text        NOT NULL,
    port             integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    generation       integer     NOT NULL,
    silo_name        text        NOT NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,
    proxy_port       integer     NOT NULL DEFAULT 0 CHECK (proxy_port BETWEEN 0 AND 65535),
    suspect_times    text,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
) WITH (fillfactor = 80);

-- Inserts a silo's row if the caller read the current table version, and increments the version.
-- The version row is locked first, so membership writers of one cluster queue up; a row that already
-- exists undoes the increment (still under the lock, so nobody saw it). Returns whether it inserted.
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_cluster_id       text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz,
    p_version          integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE orleans_membership_versions
       SET version = version + 1, updated_at = now()
     WHERE cluster_id = p_cluster_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, i_am_alive_time)
    VALUES (p_cluster_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            coalesce(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        UPDATE orleans_membership_versions
           SET version = version - 1
         WHERE cluster_id = p_cluster_id;
        RETURN false;
    END IF;
    RETURN true;
END
$$;

-- Updates a silo's status, suspicions and liveness if the caller read the current table version, and
-- increments the version; a missing row undoes the increment. Returns whether it updated. An empty
-- suspicion list is stored as NULL, so the defunct-row cleanup below compares like with like.
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_cluster_id       text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_version          integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE orleans_membership_versions
       SET version = version + 1, updated_at = now()
     WHERE cluster_id = p_cluster_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = nullif(p_suspect_times, ''), i_am_alive_time = p_i_am_alive_time
     WHERE cluster_id = p_cluster_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        UPDATE orleans_membership_versions
           SET version = version - 1
         WHERE cluster_id = p_cluster_id;
        RETURN false;
    END IF;
    RETURN true;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row unless it exists; one boolean column: whether it did.
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_versions (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),

-- A silo joins: one boolean column, false when the table version was stale or the row exists.
('InsertMembershipKey', $q$
SELECT orleans_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

-- A silo's status or suspicions change: one boolean column, false when the version was stale.
('UpdateMembershipKey', $q$
SELECT orleans_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version)
$q$),

-- The heartbeat: does not change the table version, and its result is not read.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- One silo's row with the table version. The version row is always returned (a single row with
-- NULL silo columns when the silo has none): the provider takes the version from the first row and
-- reads a row without StartTime as "no member".
('MembershipReadRowKey', $q$
SELECT v.cluster_id       AS "DeploymentId",
       m.address          AS "Address",
       m.port             AS "Port",
       m.generation       AS "Generation",
       m.silo_name        AS "SiloName",
       m.host_name        AS "HostName",
       m.status           AS "Status",
       m.proxy_port       AS "ProxyPort",
       m.suspect_times    AS "SuspectTimes",
       m.start_time       AS "StartTime",
       m.i_am_alive_time  AS "IAmAliveTime",
       v.version          AS "Version"
  FROM orleans_membership_versions v
  LEFT JOIN orleans_membership m
         ON m.cluster_id = v.cluster_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.cluster_id = @DeploymentId
$q$),

-- Every silo row of the cluster with the table version, as above.
('MembershipReadAllKey', $q$
SELECT v.cluster_id       AS "DeploymentId",
       m.address          AS "Address",
       m.port             AS "Port",
       m.generation       AS "Generation",
       m.silo_name        AS "SiloName",
       m.host_name        AS "HostName",
       m.status           AS "Status",
       m.proxy_port       AS "ProxyPort",
       m.suspect_times    AS "SuspectTimes",
       m.start_time       AS "StartTime",
       m.i_am_alive_time  AS "IAmAliveTime",
       v.version          AS "Version"
  FROM orleans_membership_versions v
  LEFT JOIN orleans_membership m ON m.cluster_id = v.cluster_id
 WHERE v.cluster_id = @DeploymentId
$q$),

-- What clients connect to: the gateways of the cluster's silos in @Status (Active).
('GatewaysQueryKey', $q$
SELECT address     AS "Address",
       proxy_port  AS "ProxyPort",
       generation  AS "Generation"
  FROM orleans_membership
 WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Removes a cluster's membership entirely (tests, tooling); the silo rows go with the version row.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_versions WHERE cluster_id = @DeploymentId
$q$),

-- Removal of defunct rows, bulk form: dead silos not heard of since @IAmAliveTime. Orleans 10
-- prefers the per-row form below when it is present and keeps this one as the fallback.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$),

-- Removal of defunct rows, per row: Orleans read the row, judged it dead and old, and passes back
-- what it saw; the row goes only if it is still dead and unchanged since.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND suspect_times IS NOT DISTINCT FROM nullif(@SuspectTimes, '')
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
