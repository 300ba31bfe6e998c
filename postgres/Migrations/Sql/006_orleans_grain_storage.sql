-- Orleans grain state on PostgreSQL, for Microsoft.Orleans.Persistence.AdoNet (invariant "Npgsql",
-- AddAdoNetGrainStorage): the state table, the functions that write and clear it under an etag, and
-- the provider's queries in orleansquery (created by 005). Follows the providers' query contract: the
-- keys, the parameter names (@ServiceId, @GrainTypeString, @GrainIdN0, ...) and the result column
-- names are fixed by Orleans; the table layout is ours. Checked against Orleans 10.4.2.
--
-- The etag is the row's version: a write or clear names the version it read and is applied only if
-- the row still has it (or, for a first write, if there is no row). A stale one changes nothing and
-- returns NULL as the new version, which the provider turns into InconsistentStateException.
--
-- Written to be re-runnable (IF NOT EXISTS, OR REPLACE, upserted query rows), although the migrator
-- applies it once.

-- One row per (service, state, grain key). grain_type is what the provider passes as the grain type:
-- in Orleans 7 and later the state's name ([PersistentState("cart")]), not the grain class, and the key
-- is the grain's key without its type, so two grain classes that share a storage provider must not use
-- the same state name for the same keys. The key is Orleans' split of it: integer keys in n1 (n0 = 0),
-- Guid keys in n0 and n1, string keys in grain_id_extension (n0 = n1 = 0); compound keys add their
-- extension in grain_id_extension, '' when there is none (the provider's NULL). The provider's
-- grain-id and grain-type hashes are not stored: the primary key finds the row.
-- payload is the serialized state (Orleans' storage serializer, JSON by default) and is NULL after
-- a clear, which keeps the row and its version so a stale writer still loses. Writes change only
-- payload, version and updated_at, none indexed, so free room in each page lets them stay HOT.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id          text        NOT NULL,
    grain_type          text        NOT NULL,
    grain_id_n0         bigint      NOT NULL,
    grain_id_n1         bigint      NOT NULL,
    grain_id_extension  text        NOT NULL,
    payload             bytea,
    version             integer     NOT NULL CHECK (version > 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
) WITH (fillfactor = 80);

-- Stores a state: a first write (p_expected_version NULL) inserts version 1 unless a row exists; a
-- later one replaces the payload if the row still has p_expected_version. Returns the new version,
-- NULL when the etag was stale. Versions wrap from the largest integer back to 1.
CREATE OR REPLACE FUNCTION orleans_write_grain_state(
    p_service_id          text,
    p_grain_type          text,
    p_grain_id_n0         bigint,
    p_grain_id_n1         bigint,
    p_grain_id_extension  text,
    p_expected_version    integer,
    p_payload             bytea)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
        VALUES (p_service_id, p_grain_type, p_grain_id_n0, p_grain_id_n1, coalesce(p_grain_id_extension, ''), p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE orleans_grain_state
           SET payload = p_payload,
               version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
               updated_at = now()
         WHERE service_id = p_service_id AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_extension = coalesce(p_grain_id_extension, '')
           AND version = p_expected_version
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;
END
$$;

-- Clears a state if the row still has p_expected_version: with p_delete the row goes, otherwise its
-- payload becomes NULL and its version moves on. Returns the next version (for a deleted row, the
-- one it would have had), NULL when the etag was stale or there was no row.
CREATE OR REPLACE FUNCTION orleans_clear_grain_state(
    p_service_id          text,
    p_grain_type          text,
    p_grain_id_n0         bigint,
    p_grain_id_n1         bigint,
    p_grain_id_extension  text,
    p_expected_version    integer,
    p_delete              boolean)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    next_version integer;
BEGIN
    IF p_delete THEN
        DELETE FROM orleans_grain_state
         WHERE service_id = p_service_id AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_extension = coalesce(p_grain_id_extension, '')
           AND version = p_expected_version
        RETURNING CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END INTO next_version;
    ELSE
        UPDATE orleans_grain_state
           SET payload = NULL,
               version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
               updated_at = now()
         WHERE service_id = p_service_id AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_extension = coalesce(p_grain_id_extension, '')
           AND version = p_expected_version
        RETURNING version INTO next_version;
    END IF;
    RETURN next_version;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- The state and its version: no row for a grain never written; a NULL payload after a clear.
('ReadFromStorageKey', $q$
SELECT payload  AS "PayloadBinary",
       version  AS "Version"
  FROM orleans_grain_state
 WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
$q$),

-- Always one row: the new version, NULL when @GrainStateVersion was stale.
('WriteToStorageKey', $q$
SELECT orleans_write_grain_state(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                                 @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"
$q$),

-- ClearStateAsync (DeleteStateOnClear = false, the default): always one row, the new version or NULL.
('ClearStorageKey', $q$
SELECT orleans_clear_grain_state(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                                 @GrainStateVersion, false) AS "NewGrainStateVersion"
$q$),

-- ClearStateAsync with DeleteStateOnClear = true (optional key): as above, but the row is deleted.
('DeleteStorageKey', $q$
SELECT orleans_clear_grain_state(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                                 @GrainStateVersion, true) AS "NewGrainStateVersion"
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
