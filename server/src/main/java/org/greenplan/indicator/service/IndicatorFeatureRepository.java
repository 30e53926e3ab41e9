package org.greenplan.indicator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenplan.geo.Feature;
import org.greenplan.geo.FeatureAttributes;
import org.greenplan.geo.GeoJson;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the features an indicator needs as engine {@link Feature}s: geometry as WKB (ST_AsBinary → JTS),
 * properties jsonb → plain values. Area filtering runs in PostGIS on the composite GiST index
 * (version_id, geom); features of kinds the definition scopes to the area are clipped there too.
 */
@Repository
public class IndicatorFeatureRepository {

    private static final String SELECT_ALL = """
            SELECT id, source_id, ST_AsBinary(geom) AS wkb, properties::text AS properties
              FROM feature WHERE version_id = ?
             ORDER BY id""";

    private static final String SELECT_INTERSECTING = """
            WITH area AS (SELECT ST_GeomFromWKB(?, 4326) AS g)
            SELECT f.id, f.source_id, ST_AsBinary(f.geom) AS wkb, f.properties::text AS properties
              FROM feature f, area
             WHERE f.version_id = ? AND ST_Intersects(f.geom, area.g)
             ORDER BY f.id""";

    // Clipped to the area: wholly covered features pass through untouched (the common case), the rest
    // are intersected; pieces without area (edge contacts) are dropped by the engine.
    private static final String SELECT_CLIPPED = """
            WITH area AS (SELECT ST_GeomFromWKB(?, 4326) AS g)
            SELECT f.id, f.source_id,
                   ST_AsBinary(CASE WHEN ST_CoveredBy(f.geom, area.g) THEN f.geom
                                    ELSE ST_CollectionExtract(ST_Intersection(f.geom, area.g), ?) END) AS wkb,
                   f.properties::text AS properties
              FROM feature f, area
             WHERE f.version_id = ? AND ST_Intersects(f.geom, area.g)
             ORDER BY f.id""";

    private static final String FIND_AREA = """
            SELECT ST_AsBinary(geom) AS wkb, properties->>'name' AS name, coalesce(properties->>'code', source_id, id::text) AS code
              FROM feature
             WHERE version_id = ANY (?) AND (id::text = ? OR source_id = ? OR properties->>'code' = ?)
             ORDER BY id""";

    /** An area by its name (东湖街道), when no id or code matches: names are what planners type. */
    private static final String FIND_AREA_BY_NAME = """
            SELECT ST_AsBinary(geom) AS wkb, properties->>'name' AS name, coalesce(properties->>'code', source_id, id::text) AS code
              FROM feature
             WHERE version_id = ANY (?) AND btrim(properties->>'name') = ?
             ORDER BY id""";

    private final JdbcTemplate jdbc;

    public IndicatorFeatureRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Dimension for ST_CollectionExtract when clipping: 1 points, 2 lines, 3 polygons. */
    public enum Clip { NONE, POINTS, LINES, POLYGONS }

    /**
     * The features of one layer version: all of them when {@code area} is null, else those intersecting
     * it, clipped to it when {@code clip} says so.
     */
    public List<Feature> load(long versionId, Geometry area, Clip clip) {
        if (area == null) {
            return jdbc.query(SELECT_ALL, (rs, i) -> feature(rs.getLong(1), rs.getString(2), rs.getBytes(3),
                    rs.getString(4)), versionId);
        }
        byte[] wkb = new WKBWriter().write(area);
        List<Feature> out = new ArrayList<>();
        if (clip == Clip.NONE) {
            jdbc.query(SELECT_INTERSECTING, rs -> {
                out.add(feature(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getString(4)));
            }, wkb, versionId);
        } else {
            jdbc.query(SELECT_CLIPPED, rs -> {
                Feature f = feature(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getString(4));
                if (!f.geometry().isEmpty()) {
                    out.add(f);
                }
            }, wkb, clip.ordinal(), versionId);
        }
        return out;
    }

    /** An admin area found by feature id, source id or {@code code} attribute in the given versions. */
    public record AdminArea(String code, String name, Geometry geometry) {
    }

    public Optional<AdminArea> findAdminArea(List<Long> versionIds, String key) {
        List<AdminArea> found = jdbc.query(FIND_AREA, (rs, i) -> new AdminArea(rs.getString("code"),
                rs.getString("name"), geometry(rs.getBytes("wkb"))),
                versionIds.toArray(Long[]::new), key, key, key);
        if (found.isEmpty()) {
            found = jdbc.query(FIND_AREA_BY_NAME, (rs, i) -> new AdminArea(rs.getString("code"),
                    rs.getString("name"), geometry(rs.getBytes("wkb"))), versionIds.toArray(Long[]::new), key);
            List<String> codes = found.stream().map(AdminArea::code).distinct().toList();
            if (codes.size() > 1) {
                throw new IndicatorRequestException("area", "the name '" + key + "' belongs to " + codes.size()
                        + " admin areas (codes " + String.join(", ", codes) + "); give the code");
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() == 1) {
            return Optional.of(found.get(0));
        }
        // the same code in two admin layers: the union of both
        Geometry union = GeoJson.WGS84.buildGeometry(found.stream().map(AdminArea::geometry).toList()).union();
        return Optional.of(new AdminArea(found.get(0).code(), found.get(0).name(), union));
    }

    private Feature feature(long id, String sourceId, byte[] wkb, String properties) {
        String fid = sourceId != null && !sourceId.isBlank() ? sourceId : Long.toString(id);
        return new Feature(fid, geometry(wkb), attributes(properties));
    }

    /** WKB from PostGIS as a lon/lat JTS geometry (SRID 4326). */
    public static Geometry geometry(byte[] wkb) {
        try {
            Geometry g = new WKBReader(GeoJson.WGS84).read(wkb);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    /** A feature's properties (jsonb text) as plain engine values: numbers, booleans, text, null. */
    private static Map<String, Object> attributes(String properties) {
        return FeatureAttributes.fromJson(properties);
    }
}
