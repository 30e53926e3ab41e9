-- Generalised overviews of a layer version for low-zoom tiles, the way tile servers keep them: at z 12 a tile
-- covers ~10,000 raw features of a city layer, so it is drawn instead from a few hundred pre-merged,
-- pre-simplified geometries already in web mercator (TileOverviews builds them after a version is published).
-- No feature ids: merged geometries belong to many features, and tiles carry no attributes below z 13 anyway.
CREATE TABLE feature_overview (
    version_id bigint   NOT NULL REFERENCES layer_version (id) ON DELETE CASCADE,
    level      smallint NOT NULL, -- the zoom the geometries were generalised for
    geom       geometry(Geometry, 3857) NOT NULL
);

CREATE INDEX feature_overview_version_level_geom_gist ON feature_overview USING gist (version_id, level, geom);

-- An overview is read only once its row here exists; both are written in one transaction, so a tile never
-- sees half an overview. Until then tiles use the live query.
CREATE TABLE feature_overview_ready (
    version_id bigint   NOT NULL REFERENCES layer_version (id) ON DELETE CASCADE,
    level      smallint NOT NULL,
    geometries bigint   NOT NULL,
    vertices   bigint   NOT NULL,
    build_ms   bigint   NOT NULL,
    built_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version_id, level)
);
