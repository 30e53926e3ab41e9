package org.greenplan.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenplan.layer.FeatureRepository;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The scenario tables (V33): scenarios, their pinned layer versions, their edits and undo entries, and the
 * baseline features edits refer to. The only writer of those tables.
 */
@Repository
public class ScenarioRepository {

    /**
     * A stored feature's key as the engines see its id (IndicatorFeatureRepository): the source id, else the
     * stored id. Edits and the merge work on it, so a scenario and the indicators agree on which feature is which;
     * the scenario tiles use it too (on a {@code feature f} row).
     */
    public static final String KEY = "(CASE WHEN f.source_id IS NULL OR btrim(f.source_id) = '' THEN f.id::text ELSE f.source_id END)";
    /** A baseline row's digest: a rebase compares it with the row of the same key in the newer version. */
    static final String HASH = "md5(encode(ST_AsBinary(f.geom), 'hex') || f.properties::text)";

    private static final int DECIMALS = FeatureRepository.DECIMALS;

    private final JdbcTemplate jdbc;

    public ScenarioRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "id, workspace_id, name, description, revision, created_by, created_at, "
            + "updated_at, adopted_at";

    private static final RowMapper<Scenario> SCENARIO = (rs, i) -> new Scenario(rs.getLong("id"),
            rs.getString("workspace_id"), rs.getString("name"), rs.getString("description"), rs.getLong("revision"),
            rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("adopted_at", OffsetDateTime.class));

    long insert(String workspace, String name, String description, String createdBy) {
        long id = jdbc.queryForObject("""
                INSERT INTO scenario (workspace_id, name, description, created_by) VALUES (?, ?, ?, ?) RETURNING id""",
                Long.class, workspace, name, description, createdBy);
        pinCurrent(id, workspace);
        return id;
    }

    /** Pins every layer of the workspace at its current version (a new scenario; a rebase, after clearing). */
    void pinCurrent(long id, String workspace) {
        jdbc.update("DELETE FROM scenario_base WHERE scenario_id = ?", id);
        jdbc.update("""
                INSERT INTO scenario_base (scenario_id, layer_id, version_id)
                SELECT ?, l.id, l.current_version_id FROM layer l
                 WHERE l.workspace_id = ? AND l.current_version_id IS NOT NULL""", id, workspace);
    }

    Optional<Scenario> find(String workspace, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM scenario WHERE workspace_id = ? AND id = ?", SCENARIO,
                workspace, id).stream().findFirst();
    }

    /** The scenario, locked until the transaction ends: edits of one scenario are applied one at a time. */
    Optional<Scenario> lock(String workspace, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM scenario WHERE workspace_id = ? AND id = ? FOR UPDATE", SCENARIO,
                workspace, id).stream().findFirst();
    }

    List<Scenario> list(String workspace) {
        return jdbc.query("SELECT " + COLUMNS + " FROM scenario WHERE workspace_id = ? ORDER BY id", SCENARIO, workspace);
    }

    void rename(long id, String name, String description) {
        jdbc.update("UPDATE scenario SET name = ?, description = coalesce(?, description), updated_at = now() WHERE id = ?",
                name, description, id);
    }

    boolean delete(String workspace, long id) {
        return jdbc.update("DELETE FROM scenario WHERE workspace_id = ? AND id = ?", workspace, id) > 0;
    }

    /** The next revision, written: every change of a scenario's content takes one. */
    long bump(long id) {
        return jdbc.queryForObject("UPDATE scenario SET revision = revision + 1, updated_at = now() WHERE id = ? "
                + "RETURNING revision", Long.class, id);
    }

    void markAdopted(long id) {
        jdbc.update("UPDATE scenario SET adopted_at = now(), updated_at = now() WHERE id = ?", id);
    }

    /** A fresh key for a feature the scenario adds. */
    String nextFeatureKey(long id) {
        long n = jdbc.queryForObject("UPDATE scenario SET next_feature = next_feature + 1 WHERE id = ? "
                + "RETURNING next_feature - 1", Long.class, id);
        return "sc" + id + "-" + n;
    }

    /** Layer id → pinned version id. */
    Map<String, Long> pins(long id) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("SELECT layer_id, version_id FROM scenario_base WHERE scenario_id = ? ORDER BY layer_id",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                }, id);
        return out;
    }

    /** One edit as stored; {@code wkb} and {@code propertiesJson} are null for a deletion. */
    record EditRow(String layerId, String key, Long baseFeatureId, String baseHash, boolean deleted,
            String propertiesJson, byte[] wkb, String geometryJson, long revision) {
        boolean added() {
            return baseFeatureId == null;
        }
    }

    private static final String EDIT_COLUMNS = "layer_id, feature_key, base_feature_id, base_hash, deleted, "
            + "properties::text, ST_AsBinary(geom), ST_AsGeoJSON(geom, " + DECIMALS + "), revision";

    private static EditRow edit(ResultSet rs, int i) throws SQLException {
        // wasNull() speaks of the last column read: read the nullable one on its own first
        long base = rs.getLong(3);
        Long baseId = rs.wasNull() ? null : base;
        return new EditRow(rs.getString(1), rs.getString(2), baseId, rs.getString(4),
                rs.getBoolean(5), rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getLong(9));
    }

    List<EditRow> edits(long id) {
        return jdbc.query("SELECT " + EDIT_COLUMNS + " FROM scenario_edit WHERE scenario_id = ? ORDER BY layer_id, "
                + "revision, feature_key", ScenarioRepository::edit, id);
    }

    List<EditRow> edits(long id, String layerId) {
        return jdbc.query("SELECT " + EDIT_COLUMNS + " FROM scenario_edit WHERE scenario_id = ? AND layer_id = ? "
                + "ORDER BY revision, feature_key", ScenarioRepository::edit, id, layerId);
    }

    Optional<EditRow> edit(long id, String layerId, String key) {
        return jdbc.query("SELECT " + EDIT_COLUMNS + " FROM scenario_edit WHERE scenario_id = ? AND layer_id = ? "
                + "AND feature_key = ?", ScenarioRepository::edit, id, layerId, key).stream().findFirst();
    }

    /** Writes an edit (geometry as WKB in EPSG:4326), keeping the row it replaces for undo. */
    void putEdit(long id, String layerId, String key, Long baseFeatureId, String baseHash, boolean deleted,
            String propertiesJson, byte[] wkb, long revision) {
        saveUndo(id, layerId, key);
        jdbc.update("""
                INSERT INTO scenario_edit (scenario_id, layer_id, feature_key, base_feature_id, base_hash, deleted,
                                           properties, geom, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?)
                ON CONFLICT (scenario_id, layer_id, feature_key) DO UPDATE
                   SET base_feature_id = EXCLUDED.base_feature_id, base_hash = EXCLUDED.base_hash,
                       deleted = EXCLUDED.deleted, properties = EXCLUDED.properties, geom = EXCLUDED.geom,
                       revision = EXCLUDED.revision""",
                id, layerId, key, baseFeatureId, baseHash, deleted, propertiesJson, wkb, revision);
    }

    /** Drops an edit (an added feature deleted again: nothing is left of it), keeping it for undo. */
    void dropEdit(long id, String layerId, String key) {
        saveUndo(id, layerId, key);
        jdbc.update("DELETE FROM scenario_edit WHERE scenario_id = ? AND layer_id = ? AND feature_key = ?", id, layerId,
                key);
    }

    private void saveUndo(long id, String layerId, String key) {
        int n = jdbc.update("""
                INSERT INTO scenario_undo (scenario_id, layer_id, feature_key, existed, base_feature_id, base_hash,
                                           deleted, properties, geom)
                SELECT scenario_id, layer_id, feature_key, true, base_feature_id, base_hash, deleted, properties, geom
                  FROM scenario_edit WHERE scenario_id = ? AND layer_id = ? AND feature_key = ?""", id, layerId, key);
        if (n == 0) {
            jdbc.update("INSERT INTO scenario_undo (scenario_id, layer_id, feature_key, existed) VALUES (?, ?, ?, false)",
                    id, layerId, key);
        }
    }

    /** Puts back the state before the last edit; the layer and key undone, or empty when there is nothing to undo. */
    Optional<String[]> undo(long id, long revision) {
        List<Object[]> last = jdbc.query("""
                DELETE FROM scenario_undo WHERE id = (SELECT max(id) FROM scenario_undo WHERE scenario_id = ?)
                RETURNING layer_id, feature_key, existed, base_feature_id, base_hash, deleted, properties::text,
                          ST_AsBinary(geom)""", (rs, i) -> {
                    long base = rs.getLong(4);
                    Long baseId = rs.wasNull() ? null : base;
                    return new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3), baseId,
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getBytes(8)};
                }, id);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Object[] u = last.get(0);
        jdbc.update("DELETE FROM scenario_edit WHERE scenario_id = ? AND layer_id = ? AND feature_key = ?", id, u[0], u[1]);
        if ((Boolean) u[2]) {
            jdbc.update("""
                    INSERT INTO scenario_edit (scenario_id, layer_id, feature_key, base_feature_id, base_hash, deleted,
                                               properties, geom, revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?)""",
                    id, u[0], u[1], u[3], u[4], u[5], u[6], u[7], revision);
        }
        return Optional.of(new String[] {(String) u[0], (String) u[1]});
    }

    /** Forgets the undo history (after a rebase the saved rows refer to the old baseline). */
    void clearUndo(long id) {
        jdbc.update("DELETE FROM scenario_undo WHERE scenario_id = ?", id);
    }

    /** A stored baseline feature: its row id, key, digest, GeoJSON geometry, properties and WKB. */
    record BaseFeature(long id, String key, String hash, String geometryJson, String propertiesJson, byte[] wkb) {
    }

    private static final String BASE_COLUMNS = "f.id, " + KEY + ", " + HASH + ", ST_AsGeoJSON(f.geom, " + DECIMALS
            + "), f.properties::text, ST_AsBinary(f.geom)";

    private static BaseFeature base(ResultSet rs, int i) throws SQLException {
        return new BaseFeature(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBytes(6));
    }

    /** The feature of a version with this key (or, failing that, this stored id). */
    Optional<BaseFeature> baseFeature(long versionId, String key) {
        List<BaseFeature> found = jdbc.query("SELECT " + BASE_COLUMNS + " FROM feature f WHERE f.version_id = ? AND "
                + KEY + " = ? ORDER BY f.id LIMIT 1", ScenarioRepository::base, versionId, key);
        if (found.isEmpty() && key.matches("\\d{1,18}")) {
            found = jdbc.query("SELECT " + BASE_COLUMNS + " FROM feature f WHERE f.version_id = ? AND f.id = ?",
                    ScenarioRepository::base, versionId, Long.parseLong(key));
        }
        return found.stream().findFirst();
    }

    /**
     * Features of a version not among {@code excludedKeys}, in a box or everywhere, whose name contains
     * {@code nameContains} when given (case-insensitive, wildcards literal: the plain items' {@code q}), in stable
     * order; and their count.
     */
    List<BaseFeature> basePage(long versionId, Envelope bbox, String nameContains, String[] excludedKeys, int limit,
            long offset) {
        Envelope b = bbox == null ? new Envelope(-180, 180, -90, 90) : bbox;
        String like = like(nameContains);
        return jdbc.query("SELECT " + BASE_COLUMNS + " FROM feature f WHERE f.version_id = ? AND NOT (" + KEY
                + " = ANY (?)) AND f.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(f.geom, "
                + "ST_MakeEnvelope(?, ?, ?, ?, 4326)) AND (?::text IS NULL OR f.properties->>'name' ILIKE ?) "
                + "ORDER BY f.id LIMIT ? OFFSET ?", ScenarioRepository::base,
                versionId, excludedKeys, b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), b.getMinX(), b.getMinY(),
                b.getMaxX(), b.getMaxY(), like, like, limit, offset);
    }

    long baseCount(long versionId, Envelope bbox, String nameContains, String[] excludedKeys) {
        Envelope b = bbox == null ? new Envelope(-180, 180, -90, 90) : bbox;
        String like = like(nameContains);
        return jdbc.queryForObject("SELECT count(*) FROM feature f WHERE f.version_id = ? AND NOT (" + KEY
                + " = ANY (?)) AND ST_Intersects(f.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) "
                + "AND (?::text IS NULL OR f.properties->>'name' ILIKE ?)", Long.class, versionId,
                excludedKeys, b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), like, like);
    }

    private static String like(String nameContains) {
        return nameContains == null ? null : "%" + FeatureRepository.likeEscaped(nameContains) + "%";
    }

    /** Digests of the features of a version with these keys: key → digest (a rebase compares them). */
    Map<String, String> hashes(long versionId, String[] keys) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query("SELECT " + KEY + ", " + HASH + " FROM feature f WHERE f.version_id = ? AND " + KEY + " = ANY (?)",
                rs -> {
                    out.putIfAbsent(rs.getString(1), rs.getString(2));
                }, versionId, keys);
        return out;
    }

    /** Moves an edit onto a newer baseline row (rebase). */
    void rebaseEdit(long id, String layerId, String key, Long baseFeatureId, String baseHash) {
        jdbc.update("UPDATE scenario_edit SET base_feature_id = ?, base_hash = ? WHERE scenario_id = ? AND layer_id = ? "
                + "AND feature_key = ?", baseFeatureId, baseHash, id, layerId, key);
    }

    /** The facility categories a version holds (a category already in the layer is a known one). */
    java.util.Set<String> categories(long versionId) {
        return new java.util.TreeSet<>(jdbc.queryForList("SELECT DISTINCT btrim(f.properties->>'category') FROM feature f "
                + "WHERE f.version_id = ? AND f.properties->>'category' IS NOT NULL", String.class, versionId));
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }
}
