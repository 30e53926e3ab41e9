package org.greenplan.layer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL for the layer and layer_version tables. Every call names the workspace: a layer id is unique only within
 * its workspace (Flyway V25), and nothing here reads or writes across workspaces.
 */
@Repository
public class LayerRepository {

    private static final String VERSION_COLUMNS = """
            v.id AS v_id, v.layer_id AS v_layer_id, v.version AS v_version, v.feature_count AS v_feature_count,
            v.repaired AS v_repaired, v.min_x AS v_min_x, v.min_y AS v_min_y, v.max_x AS v_max_x, v.max_y AS v_max_y,
            v.geometry_type AS v_geometry_type, v.source AS v_source, v.created_by AS v_created_by,
            v.created_at AS v_created_at""";

    private static final String SELECT_LAYER = """
            SELECT l.workspace_id, l.id, l.name, l.kind, l.updated_at, %s
              FROM layer l
              LEFT JOIN layer_version v ON v.id = l.current_version_id
             WHERE l.workspace_id = ?
            """.formatted(VERSION_COLUMNS);

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public LayerRepository(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public List<Layer> findAll(String workspace) {
        return jdbc.query(SELECT_LAYER + " ORDER BY l.kind, l.id", LayerRepository::layer, workspace);
    }

    public Optional<Layer> find(String workspace, String id) {
        return jdbc.query(SELECT_LAYER + " AND l.id = ?", LayerRepository::layer, workspace, id).stream().findFirst();
    }

    public Optional<LayerVersion> findVersion(String workspace, String layerId, int version) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.workspace_id = ? AND v.layer_id = ?"
                + " AND v.version = ?", (rs, i) -> version(rs), workspace, layerId, version).stream().findFirst();
    }

    public List<LayerVersion> versions(String workspace, String layerId) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.workspace_id = ? AND v.layer_id = ?"
                + " ORDER BY v.version", (rs, i) -> version(rs), workspace, layerId);
    }


    public void insertLayer(String workspace, String id, String name, LayerKind kind) {
        jdbc.update("INSERT INTO layer (workspace_id, id, name, kind) VALUES (?, ?, ?, ?)", workspace, id, name,
                kind.id());
    }

    /**
     * Locks the layer row until the transaction ends, so concurrent imports into one layer publish one
     * version after the other instead of racing for the same version number. Readers are not blocked.
     */
    public Optional<Layer> lock(String workspace, String id) {
        List<String> ids = jdbc.queryForList("SELECT id FROM layer WHERE workspace_id = ? AND id = ? FOR UPDATE",
                String.class, workspace, id);
        return ids.isEmpty() ? Optional.empty() : find(workspace, id);
    }

    /** Creates the next version of a locked layer; it stays unpublished until {@link #publish}. */
    public long createVersion(String workspace, String layerId, String source, String createdBy) {
        return jdbc.queryForObject("""
                INSERT INTO layer_version (workspace_id, layer_id, version, source, created_by)
                SELECT ?, ?, coalesce(max(version), 0) + 1, ?, ?
                  FROM layer_version WHERE workspace_id = ? AND layer_id = ?
                RETURNING id
                """, Long.class, workspace, layerId, source, createdBy, workspace, layerId);
    }

    /**
     * Records the version's statistics, makes it the layer's current version and grows the workspace's extent
     * to cover it.
     */
    public LayerVersion publish(long versionId, StagedFeatures.Promotion promotion) {
        Envelope e = promotion.extent();
        jdbc.update("""
                UPDATE layer_version
                   SET feature_count = ?, repaired = ?, min_x = ?, min_y = ?, max_x = ?, max_y = ?, geometry_type = ?
                 WHERE id = ?
                """, promotion.loaded(), promotion.repaired(), e.isNull() ? null : e.getMinX(),
                e.isNull() ? null : e.getMinY(), e.isNull() ? null : e.getMaxX(), e.isNull() ? null : e.getMaxY(),
                promotion.geometryType(), versionId);
        jdbc.update("""
                UPDATE layer l SET current_version_id = v.id, updated_at = now()
                  FROM layer_version v
                 WHERE v.id = ? AND l.workspace_id = v.workspace_id AND l.id = v.layer_id
                """, versionId);
        String workspace = jdbc.queryForObject("SELECT workspace_id FROM layer_version WHERE id = ?", String.class,
                versionId);
        LayerVersion published = jdbc.queryForObject("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.id = ?",
                (rs, i) -> version(rs), versionId);
        updateExtent(workspace);
        events.publishEvent(new LayerChanged(workspace, published.layerId()));
        return published;
    }

    /**
     * The workspace's extent: the box around the current versions of its layers (null when it has none). Kept in
     * the workspace row so that the map opens there and the workspace list shows where it is, without a scan.
     */
    private void updateExtent(String workspace) {
        jdbc.update("""
                UPDATE workspace w
                   SET extent = (SELECT ST_MakeEnvelope(min(v.min_x), min(v.min_y), max(v.max_x), max(v.max_y), 4326)
                                   FROM layer l JOIN layer_version v ON v.id = l.current_version_id
                                  WHERE l.workspace_id = w.id AND v.min_x IS NOT NULL),
                       updated_at = now()
                 WHERE w.id = ?
                """, workspace);
    }

    public boolean delete(String workspace, String id) {
        boolean deleted = retryingCatalogRaces(() -> jdbc.update("DELETE FROM layer WHERE workspace_id = ? AND id = ?",
                workspace, id) > 0);
        if (deleted) {
            updateExtent(workspace);
            events.publishEvent(new LayerChanged(workspace, id));
        }
        return deleted;
    }

    /**
     * Deletes a workspace with its layers, their versions and their tables, in one statement (the cascades of
     * Flyway V25 and the versions' delete trigger). Listeners hear of every layer deleted.
     */
    public boolean deleteWorkspace(String workspace) {
        List<String> ids = jdbc.queryForList("SELECT id FROM layer WHERE workspace_id = ?", String.class, workspace);
        boolean deleted = retryingCatalogRaces(() -> jdbc.update("DELETE FROM workspace WHERE id = ?", workspace) > 0);
        if (deleted) {
            ids.forEach(id -> events.publishEvent(new LayerChanged(workspace, id)));
        }
        return deleted;
    }

    /**
     * Deleting a layer drops its version tables (Flyway V20's trigger). A background job working on one of
     * them at that moment (the name-search index, built concurrently) can make PostgreSQL give up the drop
     * ("tuple concurrently updated", or a deadlock with the index build's wait for older transactions). The
     * delete changed nothing then, and once the job is done it goes through: try it again, a few times.
     */
    private static boolean retryingCatalogRaces(java.util.function.BooleanSupplier delete) {
        for (int attempt = 1; ; attempt++) {
            try {
                return delete.getAsBoolean();
            } catch (org.springframework.dao.DataAccessException e) {
                String message = String.valueOf(e.getMostSpecificCause().getMessage());
                boolean race = e instanceof org.springframework.dao.PessimisticLockingFailureException
                        || message.contains("tuple concurrently updated");
                if (!race || attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The first free id of the form {@code <kind>-<n>} (park-1, park-2 …) for a layer uploaded without one. */
    public String nextFreeId(String workspace, LayerKind kind) {
        String prefix = kind.id().replace('_', '-');
        for (int n = 1; ; n++) {
            String candidate = prefix + "-" + n;
            if (!exists(workspace, candidate)) {
                return candidate;
            }
        }
    }

    public boolean exists(String workspace, String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT exists(SELECT 1 FROM layer WHERE workspace_id = ? AND id = ?)", Boolean.class, workspace, id));
    }

    private static Layer layer(ResultSet rs, int row) throws SQLException {
        LayerKind kind = LayerKind.fromId(rs.getString("kind")).orElse(LayerKind.OTHER);
        LayerVersion current = rs.getObject("v_id") == null ? null : version(rs);
        return new Layer(rs.getString("workspace_id"), rs.getString("id"), rs.getString("name"), kind, current,
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static LayerVersion version(ResultSet rs) throws SQLException {
        Envelope extent = new Envelope();
        if (rs.getObject("v_min_x") != null) {
            extent = new Envelope(rs.getDouble("v_min_x"), rs.getDouble("v_max_x"), rs.getDouble("v_min_y"),
                    rs.getDouble("v_max_y"));
        }
        return new LayerVersion(rs.getLong("v_id"), rs.getString("v_layer_id"), rs.getInt("v_version"),
                rs.getLong("v_feature_count"), rs.getLong("v_repaired"), extent, rs.getString("v_geometry_type"),
                rs.getString("v_source"), rs.getString("v_created_by"),
                rs.getObject("v_created_at", OffsetDateTime.class));
    }
}
