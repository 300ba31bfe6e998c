-- The catalog read model: one row per product (every status), upserted by the product grain.
-- Browsing reads listed rows by category prefix, price range and text; admins list by status.
CREATE TABLE IF NOT EXISTS catalog_products (
    sku             text             PRIMARY KEY,
    name            text             NOT NULL,
    brand           text             NULL,
    description     text             NULL,
    price           numeric(19, 4)   NOT NULL,
    currency        char(3)          NOT NULL,
    category_path   text             NULL,
    status          text             NOT NULL,
    image_url       text             NULL,
    rating_average  double precision NOT NULL DEFAULT 0,
    rating_count    integer          NOT NULL DEFAULT 0,
    in_stock        boolean          NOT NULL DEFAULT true,
    updated_at      timestamptz      NOT NULL,
    listed_at       timestamptz      NULL
);

-- text_pattern_ops so "category_path LIKE 'a/b/%'" (subcategories) can use the index.
CREATE INDEX IF NOT EXISTS catalog_products_status_category ON catalog_products (status, category_path text_pattern_ops);
CREATE INDEX IF NOT EXISTS catalog_products_status_price ON catalog_products (status, price);
CREATE INDEX IF NOT EXISTS catalog_products_status_listed ON catalog_products (status, listed_at DESC);
CREATE INDEX IF NOT EXISTS catalog_products_status_updated ON catalog_products (status, updated_at);
