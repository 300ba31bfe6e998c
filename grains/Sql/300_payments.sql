-- The payment read model: one row per payment, written by the payment grain on every change. Reconciliation
-- lists payments by creation time, settlement lists captured and unsettled ones by capture time.
CREATE TABLE IF NOT EXISTS payments (
    payment_id          text          PRIMARY KEY,
    order_id            text          NOT NULL,
    user_id             text          NOT NULL,
    method              smallint      NOT NULL,
    status              smallint      NOT NULL,
    amount              numeric(19,4) NOT NULL,
    currency            char(3)       NOT NULL,
    captured            numeric(19,4) NOT NULL,
    refunded            numeric(19,4) NOT NULL,
    settlement_amount   numeric(19,4) NOT NULL,
    settlement_currency char(3)       NOT NULL,
    gateway_reference   text,
    risk_score          integer,
    risk_decision       smallint,
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    captured_at         timestamptz,
    settlement_batch_id text
);
CREATE INDEX IF NOT EXISTS payments_created_at ON payments (created_at, payment_id);
CREATE INDEX IF NOT EXISTS payments_unsettled ON payments (captured_at, payment_id) WHERE settlement_batch_id IS NULL;
CREATE INDEX IF NOT EXISTS payments_order_id ON payments (order_id);
