package org.greenplan.tiles;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generalised overviews of layer versions (tables {@code feature_overview}, {@code feature_overview_ready}):
 * built from a version's features in one transaction, read by {@link TileRepository} at their zoom.
 */
@Repository
public class OverviewRepository {

    /** Half the width of web mercator in metres: tile and pixel sizes follow from it. */
    static final double HALF_WORLD = 20037508.342789244;

    /** What one finished overview holds; {@code buildMillis} is the time its transaction took. */
    public record Built(long versionId, String workspace, String layerId, int level, long geometries, long vertices, long buildMillis) {
    }

    // One pixel of the level is `px` metres, one tile unit px/16, one cell a tile of the next zoom (a level
    // tile reads about 16 cells). Parts are put in the cell of their centroid and merged per cell:
    // - small areas (under 8 px both ways, like parcels) are closed by half a pixel (grown, unioned, shrunk):
    //   parcels and gaps narrower than a pixel become one block, as the eye sees them at this zoom, and nothing
    //   moves by more than half a pixel; larger areas (districts, parks) keep their own outline, one per feature;
    // - lines are chained per street name, so simplification can drop the joints of a straight street;
    // - points are collected as they are.
    // Then simplified to half a pixel (which may fold a polygon onto itself: repaired), snapped to the tile units
    // (ST_ReducePrecision keeps polygons valid, so ST_AsMVTGeom has nothing to repair; the unit grid's origin 0
    // is also a tile corner, 2^23 units from the world's edge at z 12), and parts under a pixel both across and
    // down are left out, as the live query does.
    private static final String BUILD = """
            INSERT INTO feature_overview (version_id, level, geom)
            WITH k AS (SELECT ?::bigint AS version_id, ?::smallint AS level, ?::float8 AS px, ?::float8 AS cell),
            part AS (
                SELECT d.geom, ST_Dimension(d.geom) AS dim, f.properties->>'name' AS name, f.id AS fid,
                       ST_XMax(m.geom) - ST_XMin(m.geom) < 8 * k.px AND ST_YMax(m.geom) - ST_YMin(m.geom) < 8 * k.px AS small,
                       floor(ST_X(ST_Centroid(d.geom)) / k.cell) AS cx, floor(ST_Y(ST_Centroid(d.geom)) / k.cell) AS cy
                  FROM k, feature f, ST_Transform(f.geom, 3857) AS m(geom), ST_Dump(m.geom) d
                 WHERE f.version_id = ? AND NOT ST_IsEmpty(d.geom) -- the value itself, not k's, for the planner
                   -- the live query's rule: lines and areas under a pixel both ways are not drawn, nor merged here
                   AND (ST_Dimension(m.geom) = 0 OR ST_XMax(m.geom) - ST_XMin(m.geom) >= k.px
                        OR ST_YMax(m.geom) - ST_YMin(m.geom) >= k.px)
            ),
            merged AS (
                SELECT ST_Buffer(ST_Union(ST_Buffer(ST_Simplify(p.geom, k.px / 2, true), k.px / 2, 'join=mitre')),
                                 -k.px / 2, 'join=mitre') AS geom
                  FROM part p, k WHERE p.dim = 2 AND p.small GROUP BY p.cx, p.cy, k.px
                UNION ALL
                SELECT ST_Collect(p.geom) FROM part p WHERE p.dim = 2 AND NOT p.small GROUP BY p.fid
                UNION ALL
                SELECT ST_LineMerge(ST_Collect(p.geom)) FROM part p WHERE p.dim = 1 GROUP BY p.cx, p.cy, p.name
                UNION ALL
                SELECT ST_Collect(p.geom) FROM part p WHERE p.dim = 0 GROUP BY p.cx, p.cy
            ),
            kept AS (
                SELECT (SELECT ST_Collect(d.geom)
                          FROM ST_Simplify(m.geom, k.px / 2, true) AS s(geom),
                               ST_Dump(ST_ReducePrecision(CASE WHEN ST_IsValid(s.geom) THEN s.geom ELSE ST_MakeValid(s.geom) END,
                                                          k.px / 16)) d
                         WHERE ST_Dimension(d.geom) = 0 OR ST_XMax(d.geom) - ST_XMin(d.geom) >= k.px
                            OR ST_YMax(d.geom) - ST_YMin(d.geom) >= k.px) AS geom
                  FROM merged m, k
            )
            SELECT k.version_id, k.level, kept.geom FROM kept, k WHERE kept.geom IS NOT NULL
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public OverviewRepository(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** One pixel of a 256 px tile at {@code level}, in web-mercator metres. */
    static double pixelMetres(int level) {
        return 2 * HALF_WORLD / (1L << level) / 256;
    }

    /**
     * Builds the overview of a version at {@code level} unless it exists, the version is no longer its layer's
     * current one, or it holds no features. Empty when nothing was built. The version row is key-share locked
     * from the start: publishing never waits for it, and deleting the layer waits for the build to end and then
     * cascades. Taken only at the end (by the foreign-key check of the insert), the lock would come after this
     * transaction had read the version's feature table, which a delete drops: each waiting for the other.
     */
    public Optional<Built> build(long versionId, int level) {
        return transaction.execute(status -> {
            List<String[]> layer = jdbc.query("""
                    SELECT l.workspace_id, l.id FROM layer l JOIN layer_version v ON v.id = l.current_version_id
                     WHERE v.id = ? AND v.min_x IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM feature_overview_ready r WHERE r.version_id = v.id AND r.level = ?)
                       FOR KEY SHARE OF v
                    """, (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, versionId, level);
            if (layer.isEmpty()) {
                return Optional.<Built>empty();
            }
            long t0 = System.nanoTime();
            jdbc.update(BUILD, versionId, level, pixelMetres(level), 2 * HALF_WORLD / (1L << (level + 1)), versionId);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            jdbc.update("""
                    INSERT INTO feature_overview_ready (version_id, level, geometries, vertices, build_ms)
                    SELECT ?, ?, count(*), coalesce(sum(ST_NPoints(geom)), 0), ?
                      FROM feature_overview WHERE version_id = ? AND level = ?
                    """, versionId, level, ms, versionId, level);
            return Optional.of(jdbc.queryForObject("""
                    SELECT geometries, vertices FROM feature_overview_ready WHERE version_id = ? AND level = ?
                    """, (rs, i) -> new Built(versionId, layer.get(0)[0], layer.get(0)[1], level, rs.getLong(1), rs.getLong(2), ms),
                    versionId, level));
        });
    }

    /**
     * Drops the overviews of a layer's versions other than its current one (a pinned old version reads live).
     * The layer row is key-share locked first: deleting the layer deletes the same rows by cascade, and two
     * transactions deleting them in different orders deadlock; this way one waits for the other.
     */
    public int dropSuperseded(String workspace, String layerId) {
        return transaction.execute(status -> {
            if (jdbc.queryForList("SELECT 1 FROM layer WHERE workspace_id = ? AND id = ? FOR KEY SHARE", workspace,
                    layerId).isEmpty()) {
                return 0; // deleted, its overviews with it
            }
            String superseded = """
                    SELECT v.id FROM layer_version v JOIN layer l ON l.workspace_id = v.workspace_id AND l.id = v.layer_id
                     WHERE l.workspace_id = ? AND l.id = ? AND v.id IS DISTINCT FROM l.current_version_id""";
            jdbc.update("DELETE FROM feature_overview_ready WHERE version_id IN (" + superseded + ")", workspace, layerId);
            return jdbc.update("DELETE FROM feature_overview WHERE version_id IN (" + superseded + ")", workspace,
                    layerId);
        });
    }

    /** Current, non-empty versions without an overview at {@code level}: what start-up builds. */
    public List<Long> currentVersionsWithout(int level) {
        return jdbc.queryForList("""
                SELECT v.id FROM layer l JOIN layer_version v ON v.id = l.current_version_id
                 WHERE v.min_x IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM feature_overview_ready r WHERE r.version_id = v.id AND r.level = ?)
                 ORDER BY v.id
                """, Long.class, level);
    }

    /** The layer's current version id, if it has one. */
    public Optional<Long> currentVersion(String workspace, String layerId) {
        return jdbc.queryForList("SELECT current_version_id FROM layer WHERE workspace_id = ? AND id = ?"
                + " AND current_version_id IS NOT NULL", Long.class, workspace, layerId).stream().findFirst();
    }
}
