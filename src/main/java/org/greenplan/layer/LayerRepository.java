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

/** SQL for the layer and layer_version tables. */
@Repository
public class LayerRepository {

    private static final String VERSION_COLUMNS = """
            v.id AS v_id, v.layer_id AS v_layer_id, v.version AS v_version, v.feature_count AS v_feature_count,
            v.repaired AS v_repaired, v.min_x AS v_min_x, v.min_y AS v_min_y, v.max_x AS v_max_x, v.max_y AS v_max_y,
            v.geometry_type AS v_geometry_type, v.source AS v_source, v.created_by AS v_created_by,
            v.created_at AS v_created_at""";

    private static final String SELECT_LAYER = """
            SELECT l.id, l.name, l.kind, l.updated_at, %s
              FROM layer l
              LEFT JOIN layer_version v ON v.id = l.current_version_id
            """.formatted(VERSION_COLUMNS);

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public LayerRepository(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public List<Layer> findAll() {
        return jdbc.query(SELECT_LAYER + " ORDER BY l.kind, l.id", LayerRepository::layer);
    }

    public Optional<Layer> find(String id) {
        return jdbc.query(SELECT_LAYER + " WHERE l.id = ?", LayerRepository::layer, id).stream().findFirst();
    }

    public Optional<LayerVersion> findVersion(String layerId, int version) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.layer_id = ? AND v.version = ?",
                (rs, i) -> version(rs), layerId, version).stream().findFirst();
    }

    public List<LayerVersion> versions(String layerId) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.layer_id = ? ORDER BY v.version",
                (rs, i) -> version(rs), layerId);
    }

    public void insertLayer(String id, String name, LayerKind kind) {
        jdbc.update("INSERT INTO layer (id, name, kind) VALUES (?, ?, ?)", id, name, kind.id());
    }

    /**
     * Locks the layer row until the transaction ends, so concurrent imports into one layer publish one
     * version after the other instead of racing for the same version number. Readers are not blocked.
     */
    public Optional<Layer> lock(String id) {
        List<String> ids = jdbc.queryForList("SELECT id FROM layer WHERE id = ? FOR UPDATE", String.class, id);
        return ids.isEmpty() ? Optional.empty() : find(id);
    }

    /** Creates the next version of a locked layer; it stays unpublished until {@link #publish}. */
    public long createVersion(String layerId, String source, String createdBy) {
        return jdbc.queryForObject("""
                INSERT INTO layer_version (layer_id, version, source, created_by)
                SELECT ?, coalesce(max(version), 0) + 1, ?, ?
                  FROM layer_version WHERE layer_id = ?
                RETURNING id
                """, Long.class, layerId, source, createdBy, layerId);
    }

    /** Records the version's statistics and makes it the layer's current version. */
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
                UPDATE layer SET current_version_id = ?, updated_at = now()
                 WHERE id = (SELECT layer_id FROM layer_version WHERE id = ?)
                """, versionId, versionId);
        LayerVersion published = jdbc.queryForObject("SELECT " + VERSION_COLUMNS + " FROM layer_version v WHERE v.id = ?",
                (rs, i) -> version(rs), versionId);
        events.publishEvent(new LayerChanged(published.layerId()));
        return published;
    }

    public boolean delete(String id) {
        boolean deleted = deleteRetryingCatalogRaces(id);
        if (deleted) {
            events.publishEvent(new LayerChanged(id));
        }
        return deleted;
    }

    /**
     * Deleting a layer drops its version tables (Flyway V20's trigger). A background job working on one of
     * them at that moment (the name-search index, built concurrently) can make PostgreSQL give up the drop
     * ("tuple concurrently updated", or a deadlock with the index build's wait for older transactions). The
     * delete changed nothing then, and once the job is done it goes through: try it again, a few times.
     */
    private boolean deleteRetryingCatalogRaces(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.update("DELETE FROM layer WHERE id = ?", id) > 0;
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
    public String nextFreeId(LayerKind kind) {
        String prefix = kind.id().replace('_', '-');
        for (int n = 1; ; n++) {
            String candidate = prefix + "-" + n;
            if (!exists(candidate)) {
                return candidate;
            }
        }
    }

    public boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT exists(SELECT 1 FROM layer WHERE id = ?)",
                Boolean.class, id));
    }

    private static Layer layer(ResultSet rs, int row) throws SQLException {
        LayerKind kind = LayerKind.fromId(rs.getString("kind")).orElse(LayerKind.OTHER);
        LayerVersion current = rs.getObject("v_id") == null ? null : version(rs);
        return new Layer(rs.getString("id"), rs.getString("name"), kind, current,
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
