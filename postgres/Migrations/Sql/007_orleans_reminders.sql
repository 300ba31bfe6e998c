-- Orleans reminders on PostgreSQL, for Microsoft.Orleans.Reminders.AdoNet (invariant "Npgsql",
-- UseAdoNetReminderService): the reminder table and the provider's queries in orleansquery (created
-- by 005). Follows the providers' query contract: the keys, the parameter names (@ServiceId,
-- @GrainId, @ReminderName, @GrainHash, ...) and the result column names are fixed by Orleans; the
-- table layout is ours. Checked against Orleans 10.4.2.
--
-- Written to be re-runnable (IF NOT EXISTS, upserted query rows), although the migrator applies it
-- once.

-- One row per (service, grain, reminder name). grain_id is Orleans' GrainId string ("type/key").
-- grain_hash is the grain's uniform hash, which places it on the silos' consistent-hash ring: each
-- silo's reminder service loads the reminders of its ring ranges by it. Orleans hashes are unsigned
-- 32-bit and arrive cast to a signed integer; the cast keeps their cyclic order, so ranges compare in
-- signed order (see the ReadRangeRows queries). period_ms is the period in milliseconds, bigint
-- because Orleans allows periods past 24.8 days. version is the reminder's etag, bumped by every
-- upsert; a delete names the version it read.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    grain_hash     integer     NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint      NOT NULL CHECK (period_ms >= 0),
    version        integer     NOT NULL CHECK (version > 0),
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- The reminder service's range reads (and re-reads when the ring changes).
CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates or replaces a reminder; one row: its new version.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET grain_hash = EXCLUDED.grain_hash,
       start_time = EXCLUDED.start_time,
       period_ms = EXCLUDED.period_ms,
       version = CASE WHEN r.version = 2147483647 THEN 1 ELSE r.version + 1 END
RETURNING version AS "Version"
$q$),

-- Deletes a reminder if it still has @Version; one boolean column: whether it did.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

-- Deletes every reminder of the service (tests).
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$),

-- One reminder of a grain.
('ReadReminderRowKey', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- Every reminder of a grain.
('ReadReminderRowsKey', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

-- The reminders of the ring range (@BeginHash, @EndHash] when it does not wrap in signed order
-- (the provider picks this query when @BeginHash < @EndHash as signed integers).
('ReadRangeRows1Key', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- The reminders of a ring range that wraps: above @BeginHash or up to @EndHash (all of them when the
-- two are equal, a silo alone on the ring).
('ReadRangeRows2Key', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
