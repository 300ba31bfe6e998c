-- The admin user listing: one row per account, written by the user grain on every change. Only
-- non-sensitive fields: phone numbers, addresses and payment tokens stay encrypted in grain state.
CREATE TABLE IF NOT EXISTS users (
    user_id      text        PRIMARY KEY,
    email        text        NOT NULL,
    display_name text        NOT NULL,
    roles        text[]      NOT NULL,
    status       smallint    NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS users_created_at ON users (created_at DESC, user_id);
