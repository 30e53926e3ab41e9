-- One partition of `feature` per layer version (table features.v<version id>).
--
-- A version is immutable once published, so its features are written once, in bulk, and never updated.
-- With one table for all versions, every imported row paid for maintaining the shared GiST, trigram and
-- btree indexes and a foreign-key probe, and a 1,000,000-polygon import spent more time there than reading
-- the file. Now an import fills a new table without indexes, and attaching it builds each index once, sorted,
-- as ogr2ogr does for its own table. Every query names its version (version_id = ? or = ANY (?)), so the
-- planner reads the one partition it needs; deleting a version drops its table instead of deleting rows.
--
-- Inside a partition the version id is constant, so the spatial index is on geom alone (the composite
-- (version_id, geom) index of V1 was how one table served "this version in this box"), and the primary key
-- leads with the feature id, which serves both item lookups and paging in id order.
--
-- No foreign key to layer_version: attaching a partition would validate it under a lock on layer_version
-- that conflicts with concurrent imports creating their versions (a deadlock between two imports). The
-- CHECK on each partition and the trigger below keep the same guarantees.
CREATE SCHEMA IF NOT EXISTS features;

DROP INDEX feature_version_geom_gist;
DROP INDEX feature_version_id;
DROP INDEX feature_name_trgm;
ALTER TABLE feature RENAME TO feature_v1_layout;
ALTER TABLE feature_v1_layout DROP CONSTRAINT feature_pkey;
ALTER SEQUENCE feature_id_seq OWNED BY NONE;

CREATE TABLE feature (
    id         bigint NOT NULL DEFAULT nextval('feature_id_seq'),
    version_id bigint NOT NULL,
    source_id  text,
    properties jsonb NOT NULL DEFAULT '{}'::jsonb,
    geom       geometry(Geometry, 4326) NOT NULL,
    PRIMARY KEY (id, version_id)
) PARTITION BY LIST (version_id);
ALTER SEQUENCE feature_id_seq OWNED BY feature.id;

CREATE INDEX feature_geom_gist ON feature USING gist (geom);
-- The trigram index of the search box (V15) is no longer declared here, where attaching a version would
-- build it inside the import (8 s of a 1,000,000-feature import): NameSearchIndexes builds it per version
-- table, concurrently, right after the version is published. Until then a search reads that table in full.

-- The same steps as org.greenplan.layer.FeaturePartitions, for the versions already stored.
DO $$
DECLARE
    v bigint;
BEGIN
    FOR v IN SELECT id FROM layer_version ORDER BY id LOOP
        EXECUTE format('CREATE TABLE features.v%s (LIKE feature INCLUDING DEFAULTS, CHECK (version_id = %s))', v, v);
        EXECUTE format('INSERT INTO features.v%s SELECT id, version_id, source_id, properties, geom'
                       ' FROM feature_v1_layout WHERE version_id = %s ORDER BY id', v, v);
        EXECUTE format('ALTER TABLE feature ATTACH PARTITION features.v%s FOR VALUES IN (%s)', v, v);
        EXECUTE format('CREATE INDEX v%s_name_trgm ON features.v%s USING gin ((properties->>''name'') gin_trgm_ops)',
                       v, v);
    END LOOP;
END $$;

DROP TABLE feature_v1_layout;

-- A deleted version (directly, or with its layer) takes its features with it, as the cascade did.
CREATE FUNCTION drop_feature_partition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS features.v%s', OLD.id);
    RETURN OLD;
END $$;

CREATE TRIGGER layer_version_drops_features AFTER DELETE ON layer_version
    FOR EACH ROW EXECUTE FUNCTION drop_feature_partition();
