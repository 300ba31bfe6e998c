-- The orders read model: one row per order, upserted by the order grain after every transition
-- (only a newer version replaces a row, so late or repeated writes never go back in time).
-- Customers page their orders newest first; admins page work queues by status.
CREATE TABLE IF NOT EXISTS order_summaries (
    order_id    text            PRIMARY KEY,
    user_id     text            NOT NULL,
    status      text            NOT NULL,
    total       numeric(19, 4)  NOT NULL,
    currency    char(3)         NOT NULL,
    item_count  integer         NOT NULL,
    placed_at   timestamptz     NOT NULL,
    updated_at  timestamptz     NOT NULL,
    version     integer         NOT NULL
);

CREATE INDEX IF NOT EXISTS order_summaries_by_user ON order_summaries (user_id, placed_at DESC, order_id DESC);
CREATE INDEX IF NOT EXISTS order_summaries_by_status ON order_summaries (status, updated_at, order_id);

-- The exception queue: one row per exception an order went through, with its resolution.
CREATE TABLE IF NOT EXISTS order_exceptions (
    order_id         text         NOT NULL,
    number           integer      NOT NULL,
    user_id          text         NOT NULL,
    kind             text         NOT NULL,
    detail           text         NOT NULL,
    status_before    text         NOT NULL,
    raised_at        timestamptz  NOT NULL,
    raised_by        text         NOT NULL,
    resolution       text         NULL,
    resolution_note  text         NULL,
    resolved_at      timestamptz  NULL,
    resolved_by      text         NULL,
    PRIMARY KEY (order_id, number)
);

CREATE INDEX IF NOT EXISTS order_exceptions_open ON order_exceptions (raised_at, order_id) WHERE resolved_at IS NULL;
