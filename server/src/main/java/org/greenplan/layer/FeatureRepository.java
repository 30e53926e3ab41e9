package org.greenplan.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Reads features. Geometry and properties leave PostGIS already as GeoJSON text, so serving a page is
 * string assembly, not a parse and re-encode of every coordinate.
 */
@Repository
public class FeatureRepository {

    /** Coordinates are served with 7 decimals: ~1 cm, below any planning survey's accuracy. */
    public static final int DECIMALS = 7;

    private static final RowMapper<FeatureRow> ROW = (rs, i) -> new FeatureRow(rs.getLong("id"),
            rs.getString("source_id"), rs.getString("geometry"), rs.getString("properties"));

    private final JdbcTemplate jdbc;

    public FeatureRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A feature as stored: geometry and properties as JSON text. */
    public record FeatureRow(long id, String sourceId, String geometryJson, String propertiesJson) {
    }

    public record Page(List<FeatureRow> features, long numberMatched) {
    }

    /**
     * Features of one version, optionally only those intersecting a lon/lat box, in stable id order.
     * Without a box the match count is the version's recorded feature count (no count(*) over a whole layer).
     */
    public Page page(LayerVersion version, Envelope bbox, int limit, long offset) {
        return page(version, bbox, null, limit, offset);
    }

    /**
     * As {@link #page(LayerVersion, Envelope, int, long)}, keeping only features whose {@code name} attribute
     * contains {@code nameContains} (case-insensitive, wildcards taken literally) when it is given. The
     * trigram index on {@code properties->>'name'} (V15) serves the substring match.
     */
    public Page page(LayerVersion version, Envelope bbox, String nameContains, int limit, long offset) {
        if (nameContains != null) {
            return byName(version, bbox, nameContains, limit, offset);
        }
        if (bbox == null) {
            List<FeatureRow> rows = jdbc.query("""
                    SELECT id, source_id, ST_AsGeoJSON(geom, %d) AS geometry, properties::text AS properties
                      FROM feature WHERE version_id = ?
                     ORDER BY id LIMIT ? OFFSET ?
                    """.formatted(DECIMALS), ROW, version.id(), limit, offset);
            return new Page(rows, version.featureCount());
        }
        Object[] box = {bbox.getMinX(), bbox.getMinY(), bbox.getMaxX(), bbox.getMaxY()};
        List<FeatureRow> rows = jdbc.query("""
                SELECT id, source_id, ST_AsGeoJSON(geom, %d) AS geometry, properties::text AS properties
                  FROM feature
                 WHERE version_id = ? AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
                 ORDER BY id LIMIT ? OFFSET ?
                """.formatted(DECIMALS), ROW, version.id(), box[0], box[1], box[2], box[3], limit, offset);
        long matched = offset == 0 && rows.size() < limit ? rows.size() : jdbc.queryForObject("""
                SELECT count(*) FROM feature
                 WHERE version_id = ? AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
                """, Long.class, version.id(), box[0], box[1], box[2], box[3]);
        return new Page(rows, matched);
    }

    private static final String BY_NAME = """
             WHERE version_id = ? AND properties->>'name' ILIKE ?
               AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
            """;

    private Page byName(LayerVersion version, Envelope bbox, String nameContains, int limit, long offset) {
        // No box: one that covers the world keeps a single query text and filters nothing out.
        Envelope b = bbox == null ? new Envelope(-180, 180, -90, 90) : bbox;
        Object[] where = {version.id(), "%" + likeEscaped(nameContains) + "%", b.getMinX(), b.getMinY(),
            b.getMaxX(), b.getMaxY()};
        Object[] args = Arrays.copyOf(where, where.length + 2);
        args[where.length] = limit;
        args[where.length + 1] = offset;
        List<FeatureRow> rows = jdbc.query("""
                SELECT id, source_id, ST_AsGeoJSON(geom, %d) AS geometry, properties::text AS properties
                  FROM feature
                """.formatted(DECIMALS) + BY_NAME + " ORDER BY id LIMIT ? OFFSET ?", ROW, args);
        long matched = offset == 0 && rows.size() < limit ? rows.size()
                : jdbc.queryForObject("SELECT count(*) FROM feature " + BY_NAME, Long.class, where);
        return new Page(rows, matched);
    }

    /** The text with LIKE's wildcards and its escape character (backslash) taken literally. */
    public static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A feature of any version of the layer; feature ids are unique across layers and versions. */
    public Optional<FeatureRow> find(Layer layer, long featureId) {
        return jdbc.query("""
                SELECT f.id, f.source_id, ST_AsGeoJSON(f.geom, %d) AS geometry, f.properties::text AS properties
                  FROM feature f
                 WHERE f.id = ? AND f.version_id = ANY (?)
                """.formatted(DECIMALS), ROW, featureId, versionIds(layer)).stream().findFirst();
    }

    /** The layer's version ids: named in the query, they let PostgreSQL open only those versions' tables. */
    private Long[] versionIds(Layer layer) {
        return jdbc.queryForList("SELECT id FROM layer_version WHERE workspace_id = ? AND layer_id = ?", Long.class,
                layer.workspace(), layer.id()).toArray(Long[]::new);
    }
}
