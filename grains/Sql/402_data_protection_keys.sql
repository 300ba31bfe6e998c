-- The API's ASP.NET Core Data Protection key ring (bearer tokens), shared by every API host of the
-- cluster. Each row is one key ring element; the key material inside is encrypted by the API with
-- Users:EncryptionKey before it is written. Elements are never updated: Data Protection adds new keys
-- and revocations as new elements.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL UNIQUE,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
