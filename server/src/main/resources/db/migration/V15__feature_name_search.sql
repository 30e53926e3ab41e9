-- The map page's search box: features whose name contains the typed text (ILIKE '%text%'), per layer version.
-- pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create it; a trigram GIN index
-- serves substring matches, which a btree cannot.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX feature_name_trgm ON feature USING gin ((properties->>'name') gin_trgm_ops);
