package org.greenplan.tiles;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tile query: the features of one layer version that touch a tile, in tile coordinates (0–4096 across,
 * y down), straight from the (version_id, geom) GiST index. PostGIS encodes them as a vector tile, with
 * attributes for clients or geometries alone for the PNG renderer.
 */
@Repository
public class TileRepository {

    /** Tile coordinate units across a tile, as in every MVT producer. */
    public static final int EXTENT = 4096;
    /**
     * Features are kept 256 units (16 px) beyond the tile edge, so strokes and point symbols that straddle
     * it are drawn whole on both neighbouring tiles.
     */
    public static final int BUFFER = 256;
    /**
     * From this zoom on, lon/lat map linearly onto the tile: inside one tile web-mercator's y departs from
     * a straight line in latitude by at most tan(lat)·Δlat/8 of the tile, under 0.05 px at z 10 up to 53°N.
     * Skipping the per-vertex ST_Transform makes the query roughly 40% faster on dense tiles.
     */
    static final int LINEAR_FROM_ZOOM = 10;

    /**
     * Below this zoom a vector tile drawn live carries each feature's id (the MVT id) and nothing else: a z 12
     * road tile holds ~11,000 segments a few pixels long, whose attributes made two thirds of its 650 KB and
     * most of ST_AsMVT's time, yet cannot be read at that scale. Once a version's overviews are ready, z 12–13
     * come from them without ids ({@link TileOverviews}). Clients wanting attributes ask z 14 or the items API.
     */
    public static final int ATTRIBUTES_FROM_ZOOM = 14;

    // The && box is the buffered tile envelope in lon/lat: a mercator rectangle is a lon/lat rectangle.
    // Generalised to the pixel grid (one pixel = EXTENT/256 tile units): lines and polygons whose box is under
    // one pixel both across and down are left out (they would draw as at most a dot), and vertices closer than
    // half a pixel to the simplified line are dropped before ST_AsMVTGeom quantises to the extent.
    // The tile's boxes are worked out once, in a MATERIALIZED CTE: the server-side prepared statement JDBC
    // switches to after a few runs gets PostgreSQL's generic plan, where an inlined CTE's ST_TileEnvelope(?, ?, ?)
    // (and its ST_Transform) would be evaluated again for every row; on a z 12 overview tile of ~800 roads that
    // was 1.7 of the query's 5.3 ms.
    private static final String FEATURES = """
            WITH tile AS MATERIALIZED (
                   SELECT e.mercator::box2d AS mercator, ST_Transform(e.mercator, 4326)::box2d AS lonlat,
                          ST_Transform(ST_TileEnvelope(?, ?, ?, margin => %1$s), 4326) AS query_box
                     FROM (SELECT ST_TileEnvelope(?, ?, ?) AS mercator) e)
            SELECT f.id AS fid%6$s,
                   ST_AsMVTGeom(%2$s, %3$s, %4$d, %5$d, true) AS geom
              FROM %7$s f, tile
             WHERE f.version_id = ? AND f.geom && tile.query_box
               AND (ST_Dimension(f.geom) = 0 OR ST_XMax(f.geom) - ST_XMin(f.geom) >= ?
                    OR ST_YMax(f.geom) - ST_YMin(f.geom) >= ?)
            """;

    // The overview's geometries are already merged, simplified and snapped to this zoom's tile units in web
    // mercator: all that is left is cutting them to the tile. No feature ids: a merged geometry has many.
    private static final String OVERVIEW = """
            WITH tile AS MATERIALIZED (SELECT ST_TileEnvelope(?, ?, ?)::box2d AS mercator,
                                              ST_TileEnvelope(?, ?, ?, margin => %1$s) AS query_box)
            SELECT ST_AsMVTGeom(o.geom, tile.mercator, %2$d, %3$d, true) AS geom
              FROM feature_overview o, tile
             WHERE o.version_id = ? AND o.level = ? AND o.geom && tile.query_box
            """.formatted(BUFFER / (double) EXTENT, EXTENT, BUFFER);

    private static Object[] overviewArgs(long versionId, TileAddress t, Object... before) {
        Object[] a = java.util.Arrays.copyOf(before, before.length + 8);
        int i = before.length;
        for (int k = 0; k < 2; k++) {
            a[i++] = t.z();
            a[i++] = t.x();
            a[i++] = t.y();
        }
        a[i++] = versionId;
        a[i] = (short) t.z();
        return a;
    }

    private static final String SIMPLIFIED = "ST_Simplify(f.geom, ?::float8, true)";

    /**
     * A scenario's merged view of a layer (V33), in the shape of the feature table: the pinned version's rows
     * whose key the scenario did not edit, plus its edits that are not deletions (a replaced baseline feature keeps
     * its row id and source id; an added one has no row id and its key {@code sc<n>-<m>} as source id). Its
     * rows carry the pinned version's id, so the tile query's {@code f.version_id = ?} and its && box reach into
     * both halves and the baseline's half still runs on the (version_id, geom) index.
     * Parameters: version id, scenario id, layer id, version id, scenario id, layer id.
     */
    private static final String SCENARIO_ROWS = """
            (SELECT f.id, f.source_id, f.properties, f.geom, f.version_id FROM feature f
              WHERE f.version_id = ? AND NOT EXISTS (SELECT 1 FROM scenario_edit e WHERE e.scenario_id = ?
                        AND e.layer_id = ? AND e.feature_key = %s)
             UNION ALL
             SELECT e.base_feature_id, CASE WHEN e.base_feature_id IS NULL THEN e.feature_key ELSE b.source_id END,
                    e.properties, e.geom, ?::bigint
               FROM scenario_edit e LEFT JOIN feature b ON b.id = e.base_feature_id
              WHERE e.scenario_id = ? AND e.layer_id = ? AND NOT e.deleted)""".formatted(org.greenplan.scenario.ScenarioRepository.KEY);

    /** Where a tile's features are read: one version's rows, or a scenario's merged view of a layer. */
    record Rows(String from, Object[] args) {
        static final Rows VERSION = new Rows("feature", new Object[0]);

        static Rows scenario(long scenarioId, String layerId, long versionId) {
            return new Rows(SCENARIO_ROWS, new Object[] {versionId, scenarioId, layerId, versionId, scenarioId, layerId});
        }
    }

    private static String features(TileAddress t, boolean attributes, Rows rows) {
        double margin = BUFFER / (double) EXTENT;
        String columns = attributes ? ", f.id, f.source_id, f.properties" : "";
        return t.z() >= LINEAR_FROM_ZOOM
                ? FEATURES.formatted(margin, SIMPLIFIED, "tile.lonlat", EXTENT, BUFFER,
                        columns, rows.from())
                : FEATURES.formatted(margin, "ST_Transform(" + SIMPLIFIED + ", 3857)", "tile.mercator", EXTENT,
                        BUFFER, columns, rows.from());
    }

    /**
     * One screen pixel of the tile in degrees: {lon, lat}. Latitude uses the tile's mean, which inside a tile
     * at z ≥ 10 differs from the local value by under 1%.
     */
    static double[] pixelDegrees(TileAddress t) {
        double n = 1 << t.z();
        double lon = 360 / n / 256;
        double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * t.y() / n))));
        double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (t.y() + 1) / n))));
        return new double[] {lon, (north - south) / 256};
    }

    private final JdbcTemplate jdbc;

    public TileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Object[] args(long versionId, TileAddress t, Object... before) {
        return args(versionId, t, Rows.VERSION, before);
    }

    private static Object[] args(long versionId, TileAddress t, Rows rows, Object... before) {
        double[] px = pixelDegrees(t);
        Object[] a = new Object[before.length + 10 + rows.args().length];
        System.arraycopy(before, 0, a, 0, before.length);
        int i = before.length;
        a[i++] = t.z();
        a[i++] = t.x();
        a[i++] = t.y();
        a[i++] = t.z();
        a[i++] = t.x();
        a[i++] = t.y();
        a[i++] = Math.min(px[0], px[1]) / 2; // simplification tolerance: half a pixel
        for (Object r : rows.args()) {
            a[i++] = r;
        }
        a[i++] = versionId;
        a[i++] = px[0];
        a[i] = px[1];
        return a;
    }

    /**
     * The layer's current version, or version {@code version} when not null; empty when the layer or that
     * version does not exist (or the layer has no version yet).
     */
    public java.util.Optional<TileSource> source(String workspace, String layerId, Integer version) {
        return jdbc.query("""
                SELECT l.kind, v.id, v.version, v.min_x IS NULL AS empty,
                       (SELECT coalesce(bit_or(1 << r.level), 0) FROM feature_overview_ready r
                         WHERE r.version_id = v.id AND r.level < 31) AS overviews
                  FROM layer l JOIN layer_version v ON v.workspace_id = l.workspace_id AND v.layer_id = l.id
                 WHERE l.workspace_id = ? AND l.id = ? AND CASE WHEN ?::int IS NULL THEN v.id = l.current_version_id ELSE v.version = ?::int END
                """, (rs, i) -> new TileSource(workspace, layerId,
                        org.greenplan.kind.LayerKind.fromId(rs.getString("kind")).orElse(org.greenplan.kind.LayerKind.OTHER),
                        rs.getLong("id"), rs.getInt("version"), rs.getBoolean("empty"), rs.getInt("overviews")),
                workspace, layerId, version, version).stream().findFirst();
    }

    /**
     * The Mapbox vector tile of a version: one layer named {@code layerName}, the feature id as MVT id and,
     * from {@link #ATTRIBUTES_FROM_ZOOM} on, as property {@code id}, {@code source_id} and every attribute of
     * the feature as properties. Empty
     * (zero bytes) when no feature touches the tile.
     */
    public byte[] mvt(long versionId, String layerName, TileAddress t) {
        return mvt(versionId, layerName, t, false);
    }

    /** As {@link #mvt(long, String, TileAddress)}, from the version's overview when {@code overview} (no ids then). */
    public byte[] mvt(long versionId, String layerName, TileAddress t, boolean overview) {
        if (overview) {
            byte[] tile = jdbc.queryForObject("SELECT ST_AsMVT(q, ?, " + EXTENT + ", 'geom') FROM ("
                    + OVERVIEW + ") q WHERE q.geom IS NOT NULL", byte[].class, overviewArgs(versionId, t, layerName));
            return tile == null ? new byte[0] : tile;
        }
        return mvt(versionId, layerName, t, Rows.VERSION);
    }

    /**
     * The vector tile of a layer as a scenario shows it (its pinned version {@code versionId}, 0 when the layer
     * had none, with the scenario's edits merged), as {@link #mvt(long, String, TileAddress)} draws a version; never
     * from an overview, which knows nothing of the edits. A feature the scenario added has no MVT id; its key is
     * its {@code source_id}.
     */
    public byte[] scenarioMvt(long scenarioId, long versionId, String layerId, TileAddress t) {
        return mvt(versionId, layerId, t, Rows.scenario(scenarioId, layerId, versionId));
    }

    private byte[] mvt(long versionId, String layerName, TileAddress t, Rows rows) {
        String sql = "SELECT ST_AsMVT(q, ?, " + EXTENT + ", 'geom', 'fid') FROM ("
                + features(t, t.z() >= ATTRIBUTES_FROM_ZOOM, rows) + ") q WHERE q.geom IS NOT NULL";
        byte[] tile = jdbc.queryForObject(sql, byte[].class, args(versionId, t, rows, layerName));
        return tile == null ? new byte[0] : tile;
    }

    /**
     * The same features' geometries alone as a vector tile (no ids, no attributes: the style is the kind's), for
     * drawing: ST_AsMVT's integer deltas are a fifth of the bytes of WKB doubles and are drawn without parsing
     * into geometry objects. Empty (zero bytes) when no feature touches the tile.
     */
    public byte[] drawable(long versionId, TileAddress t, boolean overview) {
        if (overview) { // an overview's vector tile is geometries alone already: one statement for both formats
            return mvt(versionId, "geometries", t, true);
        }
        return drawable(versionId, t, Rows.VERSION);
    }

    /** As {@link #drawable(long, TileAddress, boolean)} for a layer as a scenario shows it (see {@link #scenarioMvt}). */
    public byte[] scenarioDrawable(long scenarioId, long versionId, String layerId, TileAddress t) {
        return drawable(versionId, t, Rows.scenario(scenarioId, layerId, versionId));
    }

    private byte[] drawable(long versionId, TileAddress t, Rows rows) {
        String sql = "SELECT ST_AsMVT(q, 'geometries', " + EXTENT + ", 'geom') FROM (SELECT s.geom FROM ("
                + features(t, false, rows) + ") s WHERE s.geom IS NOT NULL) q";
        byte[] tile = jdbc.queryForObject(sql, byte[].class, args(versionId, t, rows));
        return tile == null ? new byte[0] : tile;
    }

    /**
     * The same features' geometries in tile coordinates (no attributes), as geometry objects, from the version's
     * overview when {@code overview}: the independent reading the tests check {@link #drawable} against.
     */
    public List<Geometry> geometries(long versionId, TileAddress t, boolean overview) {
        String sql = "SELECT ST_AsBinary(q.geom) FROM (" + (overview ? OVERVIEW : features(t, false, Rows.VERSION))
                + ") q WHERE q.geom IS NOT NULL";
        WKBReader wkb = new WKBReader(new GeometryFactory());
        List<Geometry> out = new ArrayList<>();
        Object[] args = overview ? overviewArgs(versionId, t) : args(versionId, t);
        jdbc.query(sql, rs -> {
            try {
                out.add(wkb.read(rs.getBytes(1)));
            } catch (ParseException e) {
                throw new IllegalStateException("PostGIS returned unreadable WKB", e);
            }
        }, args);
        return out;
    }
}
