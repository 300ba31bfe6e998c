-- Settlement settles money movements (captures and refunds), not payments: a refund made after its payment was
-- settled goes into a later batch. unsettled_since is when the payment's oldest unsettled movement happened (null
-- when every movement is settled); settlement lists payments by it.
ALTER TABLE payments ADD COLUMN IF NOT EXISTS unsettled_since timestamptz;
-- Rows written before this column: an unsettled capture (status Captured 2, Refunded 6, PartiallyRefunded 7) is the
-- only movement known here. Refunds of already settled payments made before this migration are not visible here;
-- they reach a batch once their payment next writes its row.
UPDATE payments SET unsettled_since = captured_at
WHERE unsettled_since IS NULL AND settlement_batch_id IS NULL AND captured_at IS NOT NULL AND status IN (2, 6, 7);
DROP INDEX IF EXISTS payments_unsettled;
CREATE INDEX IF NOT EXISTS payments_unsettled_since ON payments (unsettled_since, payment_id) WHERE unsettled_since IS NOT NULL;
