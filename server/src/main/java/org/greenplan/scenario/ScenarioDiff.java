package org.greenplan.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.scenario.ScenarioRepository.EditRow;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feature-level differences as a GeoJSON FeatureCollection: a scenario against its baseline, or two versions of a
 * layer. Each feature is one change: {@code properties.change} is {@code added}, {@code removed} or
 * {@code modified}; {@code layer} and {@code featureId} name it; a modified feature lists its attribute changes
 * ({@code changes: {name: {from, to}}}) and whether its geometry moved ({@code geometryChanged}). The geometry is
 * the new one (the old one for a removal). Features are matched by key (source id, else stored id).
 */
@Service
public class ScenarioDiff {

    private final ScenarioService scenarios;
    private final ScenarioRepository repo;
    private final LayerRepository layers;
    private final ObjectMapper json;

    public ScenarioDiff(ScenarioService scenarios, ScenarioRepository repo, LayerRepository layers, ObjectMapper json) {
        this.scenarios = scenarios;
        this.repo = repo;
        this.layers = layers;
        this.json = json;
    }

    /** The counts of a diff, by change. */
    public record Counts(long added, long removed, long modified) {
    }

    /** Scenario against baseline (the versions it pinned). */
    public ObjectNode scenario(String ws, long id) {
        Scenario sc = scenarios.get(ws, id);
        ArrayNode features = json.createArrayNode();
        for (EditRow e : repo.edits(sc.id())) {
            if (e.added()) {
                features.add(change("added", e.layerId(), e.key(), e.geometryJson(), null, e.propertiesJson(), false));
                continue;
            }
            Layer layer = scenarios.layer(ws, e.layerId());
            LayerVersion base = scenarios.base(sc, layer);
            var before = repo.baseFeature(base.id(), e.key());
            String oldGeom = before.map(ScenarioRepository.BaseFeature::geometryJson).orElse(null);
            String oldProps = before.map(ScenarioRepository.BaseFeature::propertiesJson).orElse("{}");
            if (e.deleted()) {
                features.add(change("removed", e.layerId(), e.key(), oldGeom, oldProps, null, false));
            } else {
                boolean moved = !Objects.equals(json.readTree(oldGeom == null ? "null" : oldGeom),
                        json.readTree(e.geometryJson()));
                features.add(change("modified", e.layerId(), e.key(), e.geometryJson(), oldProps, e.propertiesJson(),
                        moved));
            }
        }
        return collection(features, "scenario " + sc.id() + " (" + sc.name() + ") against its baseline");
    }

    private static final String VERSIONS = """
            WITH a AS (SELECT %1$s AS key, f.geom, f.properties, ST_AsGeoJSON(f.geom, 7) AS g FROM feature f
                        WHERE f.version_id = ?),
                 b AS (SELECT %1$s AS key, f.geom, f.properties, ST_AsGeoJSON(f.geom, 7) AS g FROM feature f
                        WHERE f.version_id = ?)
            SELECT coalesce(a.key, b.key), a.g, a.properties::text, b.g, b.properties::text,
                   coalesce(ST_Equals(a.geom, b.geom) AND ST_AsBinary(a.geom) = ST_AsBinary(b.geom), false)
              FROM a FULL JOIN b ON a.key = b.key
             WHERE a.key IS NULL OR b.key IS NULL OR a.properties IS DISTINCT FROM b.properties
                OR ST_AsBinary(a.geom) <> ST_AsBinary(b.geom)
             ORDER BY 1""";

    /** Version {@code from} against version {@code to} of a layer. */
    public ObjectNode versions(String ws, String layerId, int from, int to) {
        LayerVersion a = layers.findVersion(ws, layerId, from).orElseThrow(() -> ScenarioException.invalid("diffFrom",
                "layer '" + layerId + "' has no version " + from));
        LayerVersion b = layers.findVersion(ws, layerId, to).orElseThrow(() -> ScenarioException.invalid("version",
                "layer '" + layerId + "' has no version " + to));
        layers.find(ws, layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        ArrayNode features = json.createArrayNode();
        repo.jdbc().query(VERSIONS.formatted(ScenarioRepository.KEY), rs -> {
            String key = rs.getString(1);
            String ag = rs.getString(2);
            String bg = rs.getString(4);
            if (ag == null) {
                features.add(change("added", layerId, key, bg, null, rs.getString(5), false));
            } else if (bg == null) {
                features.add(change("removed", layerId, key, ag, rs.getString(3), null, false));
            } else {
                features.add(change("modified", layerId, key, bg, rs.getString(3), rs.getString(5), !rs.getBoolean(6)));
            }
        }, a.id(), b.id());
        return collection(features, "layer " + layerId + " version " + to + " against version " + from);
    }

    private ObjectNode change(String change, String layerId, String key, String geometryJson, String oldProps,
            String newProps, boolean geometryChanged) {
        ObjectNode f = json.createObjectNode();
        f.put("type", "Feature");
        f.put("id", layerId + "/" + key);
        f.set("geometry", geometryJson == null ? json.nullNode() : json.readTree(geometryJson));
        ObjectNode p = f.putObject("properties");
        p.put("change", change);
        p.put("layer", layerId);
        p.put("featureId", key);
        JsonNode before = oldProps == null ? json.createObjectNode() : json.readTree(oldProps);
        JsonNode after = newProps == null ? json.createObjectNode() : json.readTree(newProps);
        if (change.equals("modified")) {
            p.put("geometryChanged", geometryChanged);
            ObjectNode changes = p.putObject("changes");
            Set<String> names = new LinkedHashSet<>();
            before.propertyNames().forEach(names::add);
            after.propertyNames().forEach(names::add);
            for (String n : names) {
                JsonNode x = before.get(n);
                JsonNode y = after.get(n);
                if (!Objects.equals(x, y)) {
                    ObjectNode c = changes.putObject(n);
                    c.set("from", x == null ? json.nullNode() : x);
                    c.set("to", y == null ? json.nullNode() : y);
                }
            }
        }
        p.set("attributes", change.equals("removed") ? before : after);
        return f;
    }

    private ObjectNode collection(ArrayNode features, String title) {
        ObjectNode c = json.createObjectNode();
        c.put("type", "FeatureCollection");
        c.put("title", title);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String k : List.of("added", "removed", "modified")) {
            counts.put(k, 0L);
        }
        List<JsonNode> all = new ArrayList<>();
        features.forEach(all::add);
        all.forEach(f -> counts.merge(f.get("properties").get("change").asString(""), 1L, Long::sum));
        c.set("counts", json.valueToTree(counts));
        c.set("features", features);
        return c;
    }
}
