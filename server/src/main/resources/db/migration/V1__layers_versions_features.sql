-- The system of record: layers, every version of a layer, and the features of each version.
-- Extensions need a superuser; the project scripts create them beforehand, an external database's DBA may too.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE layer (
    id                 text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind               text NOT NULL,
    current_version_id bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- A version is immutable once published: indicators record the versions they used, so a result can be
-- reproduced and two versions compared (before/after a plan).
CREATE TABLE layer_version (
    id            bigserial PRIMARY KEY,
    layer_id      text NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    version       integer NOT NULL CHECK (version > 0),
    feature_count bigint NOT NULL DEFAULT 0,
    repaired      bigint NOT NULL DEFAULT 0,
    min_x         double precision,
    min_y         double precision,
    max_x         double precision,
    max_y         double precision,
    geometry_type text,
    source        text,
    created_by    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (layer_id, version)
);

ALTER TABLE layer
    ADD CONSTRAINT layer_current_version_fk FOREIGN KEY (current_version_id) REFERENCES layer_version (id)
        DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE feature (
    id         bigserial PRIMARY KEY,
    version_id bigint NOT NULL REFERENCES layer_version (id) ON DELETE CASCADE,
    source_id  text,
    properties jsonb NOT NULL DEFAULT '{}'::jsonb,
    geom       geometry(Geometry, 4326) NOT NULL
);

-- Every spatial query is "features of one version in this box": one composite GiST index serves it
-- (btree_gist puts the version id into the tree), instead of a global index filtered afterwards.
CREATE INDEX feature_version_geom_gist ON feature USING gist (version_id, geom);
CREATE INDEX feature_version_id ON feature (version_id, id);
