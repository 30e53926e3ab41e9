package org.greenplan.layer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads layer versions as engine {@link Feature}s (lon/lat JTS geometry + plain attribute map) for the
 * engines that run in the server (walking network, indicators). Geometry travels as WKB
 * ({@code ST_AsBinary}), properties as jsonb text; the feature id is the stored feature id, the same id the
 * OGC API serves under {@code /collections/{layer}/items/{id}}.
 *
 * <p>Which layers: {@link #current} picks every layer of a kind at its current version, or only the named
 * ones when ids are given (the rule the network and indicator APIs share).
 */
@Repository
public class LayerFeatures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final LayerRepository layers;

    public LayerFeatures(JdbcTemplate jdbc, LayerRepository layers) {
        this.jdbc = jdbc;
        this.layers = layers;
    }

    /**
     * Layers of the workspace and kind that have a published version: all of them when {@code ids} is null or empty, else
     * only those named (ids that name another kind are ignored; unknown ids raise
     * {@link LayerNotFoundException}). Sorted by id.
     */
    public List<Layer> current(String workspace, LayerKind kind, Collection<String> ids) {
        List<Layer> out = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            for (Layer l : layers.findAll(workspace)) {
                if (l.kind() == kind && l.current() != null) {
                    out.add(l);
                }
            }
        } else {
            for (String id : ids) {
                Layer l = layers.find(workspace, id).orElseThrow(() -> new LayerNotFoundException(id));
                if (l.kind() == kind && l.current() != null && out.stream().noneMatch(o -> o.id().equals(l.id()))) {
                    out.add(l);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Layer::id));
        return out;
    }

    /** Every feature of a version, in id order. */
    public List<Feature> all(LayerVersion version) {
        return jdbc.query("""
                SELECT id, ST_AsBinary(geom) AS wkb, properties::text AS properties
                  FROM feature WHERE version_id = ?
                 ORDER BY id
                """, (rs, i) -> feature(rs.getLong(1), rs.getBytes(2), rs.getString(3)), version.id());
    }

    /**
     * Every feature of a version, in id order, handed to {@code sink} one at a time as the rows arrive: a
     * cursor of {@value #STREAM_ROWS} rows at a time, so neither the driver nor this method holds the whole
     * version (a city's road layer is half a million rows). The sink must not keep the features it is given
     * if the point is to save memory.
     */
    public void forEach(LayerVersion version, Consumer<Feature> sink) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL's driver streams with a fetch size only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, ST_AsBinary(geom) AS wkb, properties::text AS properties
                      FROM feature WHERE version_id = ?
                     ORDER BY id
                    """)) {
                ps.setFetchSize(STREAM_ROWS);
                ps.setLong(1, version.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(feature(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    private static final int STREAM_ROWS = 5_000;

    /** Features of a version whose geometry intersects a lon/lat box. */
    public List<Feature> inBox(LayerVersion version, Envelope box) {
        return jdbc.query("""
                SELECT id, ST_AsBinary(geom) AS wkb, properties::text AS properties
                  FROM feature
                 WHERE version_id = ? AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
                 ORDER BY id
                """, (rs, i) -> feature(rs.getLong(1), rs.getBytes(2), rs.getString(3)), version.id(),
                box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }

    /** Features of a version whose geometry intersects a lon/lat area (any geometry, SRID 4326 assumed). */
    public List<Feature> intersecting(LayerVersion version, Geometry areaLonLat) {
        byte[] wkb = new WKBWriter().write(areaLonLat);
        return jdbc.query("""
                SELECT id, ST_AsBinary(geom) AS wkb, properties::text AS properties
                  FROM feature
                 WHERE version_id = ? AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromWKB(?), 4326))
                 ORDER BY id
                """, (rs, i) -> feature(rs.getLong(1), rs.getBytes(2), rs.getString(3)), version.id(), wkb);
    }

    private static Feature feature(long id, byte[] wkb, String properties) {
        Geometry g;
        try {
            g = new WKBReader().read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("feature " + id + " has unreadable WKB", e);
        }
        g.setSRID(4326);
        return new Feature(String.valueOf(id), g, attributes(properties));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        Map<String, Object> raw = JSON.readValue(json, LinkedHashMap.class);
        // nested objects/arrays are kept as their JSON text: Feature attributes are plain values
        raw.replaceAll((k, v) -> v instanceof Map || v instanceof List ? JSON.writeValueAsString(v) : v);
        return raw;
    }
}
