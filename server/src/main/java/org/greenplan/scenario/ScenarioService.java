package org.greenplan.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.greenplan.geo.Feature;
import org.greenplan.geo.FeatureAttributes;
import org.greenplan.geo.GeoJson;
import org.greenplan.geo.GeoJsonException;
import org.greenplan.indicator.service.IndicatorFeatureRepository;
import org.greenplan.indicator.service.ScenarioInputs;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.scenario.ScenarioRepository.BaseFeature;
import org.greenplan.scenario.ScenarioRepository.EditRow;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenarios of a workspace: create (pinning the current layer versions), list, rename, delete; feature edits
 * (OGC API – Features Part 4: create, replace, update, delete) with ETags; undo; the merged view of a layer
 * (pinned version + edits) for reads and for the indicators ({@link #inputs}). Each write is one transaction
 * that locks the scenario row, so edits of one scenario apply one at a time and an ETag check cannot race.
 */
@Service
public class ScenarioService {

    private final ScenarioRepository repo;
    private final LayerRepository layers;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public ScenarioService(ScenarioRepository repo, LayerRepository layers, TransactionTemplate tx, ObjectMapper json) {
        this.repo = repo;
        this.layers = layers;
        this.tx = tx;
        this.json = json;
    }

    // ---- scenarios ----

    /** The facility categories a scenario's facility may have. */
    public static java.util.Set<String> facilityCategories() {
        return EditCheck.CATEGORIES;
    }

    public List<Scenario> list(String ws) {
        return repo.list(ws);
    }

    public Scenario get(String ws, long id) {
        return repo.find(ws, id).orElseThrow(() -> ScenarioException.notFound(ws, Long.toString(id)));
    }

    /** A scenario id from a path: anything but a number names no scenario (404). */
    public static long id(String ws, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ScenarioException.notFound(ws, text);
        }
    }

    public Scenario create(String ws, String name, String description, String createdBy) {
        String n = name(name);
        return tx.execute(s -> get(ws, repo.insert(ws, n, description, createdBy)));
    }

    /**
     * A new scenario holding these added features, in one transaction (for other packages: siting proposes its
     * sites this way, the demo ships its plan this way). Each feature is checked as an API edit is.
     *
     * @param added layer id → features to add (lon/lat geometries, plain attribute values)
     */
    public Scenario createWithFeatures(String ws, String name, String description, String createdBy,
            Map<String, List<Feature>> added) {
        String n = name(name);
        return tx.execute(s -> {
            long id = repo.insert(ws, n, description, createdBy);
            Scenario sc = repo.lock(ws, id).orElseThrow();
            for (Map.Entry<String, List<Feature>> e : added.entrySet()) {
                for (Feature f : e.getValue()) {
                    ObjectNode props = json.valueToTree(f.attributes());
                    add(sc, e.getKey(), f.geometry(), props);
                }
            }
            return get(ws, id);
        });
    }

    public Scenario rename(String ws, long id, String name, String description) {
        String n = name(name);
        return tx.execute(s -> {
            Scenario sc = locked(ws, id);
            repo.rename(sc.id(), n, description);
            return get(ws, id);
        });
    }

    public void delete(String ws, long id) {
        if (!repo.delete(ws, id)) {
            throw ScenarioException.notFound(ws, Long.toString(id));
        }
    }

    private static String name(String name) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 200) {
            throw ScenarioException.invalid("name", "a scenario's name must be 1 to 200 characters");
        }
        return n;
    }

    Scenario locked(String ws, long id) {
        Scenario sc = repo.lock(ws, id).orElseThrow(() -> ScenarioException.notFound(ws, Long.toString(id)));
        if (sc.adoptedAt() != null) {
            throw ScenarioException.conflict("scenario", "scenario " + id + " was adopted on " + sc.adoptedAt()
                    + "; it is kept for the record and cannot change", null);
        }
        return sc;
    }

    // ---- features ----

    /** A feature as a scenario shows it: its key (the OGC feature id here), GeoJSON, ETag and what the scenario did. */
    public record ScenarioFeature(String key, String geometryJson, String propertiesJson, String etag, String state) {
    }

    /** A page of a layer in the scenario: the features it adds or changes first, then the baseline's others. */
    public record FeaturePage(List<ScenarioFeature> features, long numberMatched, LayerVersion version) {
    }

    public FeaturePage page(String ws, long id, String layerId, Envelope bbox, int limit, long offset) {
        return page(ws, id, layerId, bbox, null, limit, offset);
    }

    /**
     * As {@link #page(String, long, String, Envelope, int, long)}, keeping only features whose {@code name}
     * contains {@code nameContains} when given: the plain items' search ({@code q}), case-insensitive and with
     * wildcards taken literally, on baseline + edits, so a name the scenario added or changed is found there only.
     */
    public FeaturePage page(String ws, long id, String layerId, Envelope bbox, String nameContains, int limit,
            long offset) {
        Scenario sc = get(ws, id);
        Layer layer = layer(ws, layerId);
        LayerVersion version = base(sc, layer);
        List<EditRow> edits = repo.edits(sc.id(), layerId);
        String[] edited = edits.stream().map(EditRow::key).toArray(String[]::new);
        List<ScenarioFeature> upserts = new ArrayList<>();
        for (EditRow e : edits) {
            if (!e.deleted() && (bbox == null || envelope(e.wkb()).intersects(bbox))
                    && (nameContains == null || nameContains(e.propertiesJson(), nameContains))) {
                upserts.add(edited(sc, e));
            }
        }
        List<ScenarioFeature> out = new ArrayList<>();
        for (long i = offset; i < upserts.size() && out.size() < limit; i++) {
            out.add(upserts.get((int) i));
        }
        long baseMatched = version == null ? 0 : repo.baseCount(version.id(), bbox, nameContains, edited);
        if (version != null && out.size() < limit) {
            long baseOffset = Math.max(0, offset - upserts.size());
            for (BaseFeature f : repo.basePage(version.id(), bbox, nameContains, edited, limit - out.size(), baseOffset)) {
                out.add(new ScenarioFeature(f.key(), f.geometryJson(), f.propertiesJson(), baseEtag(version, f.key()),
                        "baseline"));
            }
        }
        return new FeaturePage(out, upserts.size() + baseMatched, version);
    }

    /** Whether an edited feature's name contains the text as PostgreSQL's ILIKE '%text%' would find it. */
    private boolean nameContains(String propertiesJson, String text) {
        JsonNode name = json.readTree(propertiesJson).get("name");
        return name != null && name.isValueNode()
                && name.asString("").toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
    }

    public ScenarioFeature feature(String ws, long id, String layerId, String key) {
        Scenario sc = get(ws, id);
        return current(sc, layer(ws, layerId), key);
    }

    private ScenarioFeature current(Scenario sc, Layer layer, String key) {
        Optional<EditRow> e = repo.edit(sc.id(), layer.id(), key);
        if (e.isPresent()) {
            if (e.get().deleted()) {
                throw notFound(layer.id(), key, sc);
            }
            return edited(sc, e.get());
        }
        LayerVersion version = base(sc, layer);
        BaseFeature f = version == null ? null : repo.baseFeature(version.id(), key).orElse(null);
        if (f == null) {
            throw notFound(layer.id(), key, sc);
        }
        return new ScenarioFeature(f.key(), f.geometryJson(), f.propertiesJson(), baseEtag(version, f.key()), "baseline");
    }

    private static ScenarioException notFound(String layerId, String key, Scenario sc) {
        return new ScenarioException(org.greenplan.Refusal.Category.NOT_FOUND, "featureId", "layer '" + layerId
                + "' has no feature '" + key + "' in scenario " + sc.id(), null);
    }

    private ScenarioFeature edited(Scenario sc, EditRow e) {
        return new ScenarioFeature(e.key(), e.geometryJson(), e.propertiesJson(), editEtag(sc, e), e.added() ? "added"
                : "modified");
    }

    /** Adds a feature (a GeoJSON Feature: geometry and properties); its key is new. */
    public ScenarioFeature add(String ws, long id, String layerId, JsonNode feature) {
        return tx.execute(s -> {
            Scenario sc = locked(ws, id);
            Parsed p = parse(feature, true);
            return add(sc, layerId, p.geometry(), p.properties());
        });
    }

    private ScenarioFeature add(Scenario sc, String layerId, Geometry g, ObjectNode props) {
        Layer layer = layer(sc.workspace(), layerId);
        EditCheck.geometry(g, layer.kind());
        EditCheck.properties(props, layer.kind(), knownCategories(sc, layer));
        String key = repo.nextFeatureKey(sc.id());
        long rev = repo.bump(sc.id());
        repo.putEdit(sc.id(), layerId, key, null, null, false, props.toString(), wkb(g), rev);
        return edited(sc, repo.edit(sc.id(), layerId, key).orElseThrow());
    }

    private Set<String> knownCategories(Scenario sc, Layer layer) {
        if (layer.kind() != LayerKind.FACILITY) {
            return null;
        }
        LayerVersion v = base(sc, layer);
        return v == null ? null : repo.categories(v.id());
    }

    /** Replaces a feature whole (PUT); {@code ifMatch} null skips the ETag check. */
    public ScenarioFeature replace(String ws, long id, String layerId, String key, JsonNode feature, String ifMatch) {
        return tx.execute(s -> {
            Scenario sc = locked(ws, id);
            Layer layer = layer(ws, layerId);
            ScenarioFeature now = checked(sc, layer, key, ifMatch);
            Parsed p = parse(feature, true);
            return put(sc, layer, now, p.geometry(), p.properties());
        });
    }

    /**
     * Updates a feature (PATCH, RFC 7396 merge of {@code properties}: a null member removes the attribute; a
     * {@code geometry} given replaces it).
     */
    public ScenarioFeature update(String ws, long id, String layerId, String key, JsonNode patch, String ifMatch) {
        return tx.execute(s -> {
            Scenario sc = locked(ws, id);
            Layer layer = layer(ws, layerId);
            ScenarioFeature now = checked(sc, layer, key, ifMatch);
            if (patch == null || !patch.isObject()) {
                throw ScenarioException.invalid("body", "a PATCH body is a JSON object with 'properties' and/or 'geometry'");
            }
            ObjectNode props = (ObjectNode) json.readTree(now.propertiesJson());
            JsonNode changes = patch.get("properties");
            if (changes != null && !changes.isNull()) {
                if (!changes.isObject()) {
                    throw ScenarioException.invalid("properties", "properties must be a JSON object");
                }
                for (Map.Entry<String, JsonNode> c : changes.properties()) {
                    if (c.getValue().isNull()) {
                        props.remove(c.getKey());
                    } else {
                        props.set(c.getKey(), c.getValue());
                    }
                }
            }
            Geometry g = patch.has("geometry") ? parseGeometry(patch.get("geometry")) : readGeoJson(now.geometryJson());
            return put(sc, layer, now, g, props);
        });
    }

    private ScenarioFeature put(Scenario sc, Layer layer, ScenarioFeature now, Geometry g, ObjectNode props) {
        EditCheck.geometry(g, layer.kind());
        EditCheck.properties(props, layer.kind(), knownCategories(sc, layer));
        long rev = repo.bump(sc.id());
        write(sc, layer, now.key(), repo.edit(sc.id(), layer.id(), now.key()), false, props.toString(), wkb(g), rev);
        return edited(sc, repo.edit(sc.id(), layer.id(), now.key()).orElseThrow());
    }

    /**
     * Writes the edit of a feature the scenario has (edited already: {@code prior}) or reads from its baseline,
     * which then becomes the edit's base (its row and digest, for a later rebase).
     */
    private void write(Scenario sc, Layer layer, String key, Optional<EditRow> prior, boolean deleted,
            String propertiesJson, byte[] wkb, long rev) {
        Long baseId = prior.map(EditRow::baseFeatureId).orElse(null);
        String baseHash = prior.map(EditRow::baseHash).orElse(null);
        if (prior.isEmpty()) {
            BaseFeature b = repo.baseFeature(base(sc, layer).id(), key).orElseThrow();
            baseId = b.id();
            baseHash = b.hash();
        }
        repo.putEdit(sc.id(), layer.id(), key, baseId, baseHash, deleted, propertiesJson, wkb, rev);
    }

    /** Deletes a feature from the scenario (an added one is forgotten; a baseline one is marked deleted). */
    public void delete(String ws, long id, String layerId, String key, String ifMatch) {
        tx.executeWithoutResult(s -> {
            Scenario sc = locked(ws, id);
            Layer layer = layer(ws, layerId);
            ScenarioFeature now = checked(sc, layer, key, ifMatch);
            long rev = repo.bump(sc.id());
            Optional<EditRow> prior = repo.edit(sc.id(), layer.id(), now.key());
            if (prior.isPresent() && prior.get().added()) {
                repo.dropEdit(sc.id(), layer.id(), now.key());
                return;
            }
            write(sc, layer, now.key(), prior, true, null, null, rev);
        });
    }

    /** Takes back the last edit; the layer and key it touched, or empty when there was none. */
    public Optional<List<String>> undo(String ws, long id) {
        return tx.execute(s -> {
            Scenario sc = locked(ws, id);
            long rev = repo.bump(sc.id());
            return repo.undo(sc.id(), rev).map(List::of);
        });
    }

    private ScenarioFeature checked(Scenario sc, Layer layer, String key, String ifMatch) {
        ScenarioFeature now = current(sc, layer, key);
        if (ifMatch != null && !ifMatch.isBlank() && !matches(ifMatch, now.etag())) {
            throw ScenarioException.stale(now.etag());
        }
        return now;
    }

    private static boolean matches(String ifMatch, String etag) {
        for (String t : ifMatch.split(",")) {
            String s = t.trim();
            if (s.equals("*") || s.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    // ---- what tiles read ----

    /**
     * A layer as a scenario shows it, for drawing tiles: the scenario's revision (tiles are cached under it), the
     * layer's kind and the version its edits sit on (null when the layer has none).
     */
    public record LayerView(long scenarioId, long revision, LayerKind kind, LayerVersion version) {
    }

    /** @throws ScenarioException 404 for an unknown scenario; LayerNotFoundException for an unknown layer */
    public LayerView view(String ws, long id, String layerId) {
        Scenario sc = get(ws, id);
        Layer layer = layer(ws, layerId);
        return new LayerView(sc.id(), sc.revision(), layer.kind(), base(sc, layer));
    }

    // ---- what indicators read ----

    /** The scenario as the indicator service reads it: pinned versions and edits per layer. */
    public ScenarioInputs inputs(String ws, long id) {
        Scenario sc = get(ws, id);
        Map<String, LayerVersion> pinned = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : repo.pins(sc.id()).entrySet()) {
            version(ws, p.getKey(), p.getValue()).ifPresent(v -> pinned.put(p.getKey(), v));
        }
        Map<String, List<EditRow>> byLayer = new LinkedHashMap<>();
        for (EditRow e : repo.edits(sc.id())) {
            byLayer.computeIfAbsent(e.layerId(), k -> new ArrayList<>()).add(e);
        }
        Map<String, ScenarioInputs.Edits> edits = new LinkedHashMap<>();
        byLayer.forEach((layerId, rows) -> {
            Set<String> removed = new HashSet<>();
            List<Feature> upserts = new ArrayList<>();
            for (EditRow e : rows) {
                removed.add(e.key());
                if (!e.deleted()) {
                    upserts.add(new Feature(e.key(), readWkb(e.wkb()), FeatureAttributes.fromJson(e.propertiesJson())));
                }
            }
            edits.put(layerId, new ScenarioInputs.Edits(removed, upserts));
        });
        return new ScenarioInputs(ws, sc.key(), pinned, edits);
    }

    Optional<LayerVersion> version(String ws, String layerId, long versionId) {
        return layers.versions(ws, layerId).stream().filter(v -> v.id() == versionId).findFirst();
    }

    /** The version of a layer the scenario reads: the pinned one, or the current one for a layer made later. */
    LayerVersion base(Scenario sc, Layer layer) {
        Long pinned = repo.pins(sc.id()).get(layer.id());
        return pinned == null ? layer.current() : version(sc.workspace(), layer.id(), pinned).orElse(layer.current());
    }

    Layer layer(String ws, String layerId) {
        Layer l = layers.find(ws, layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        if (l.kind() == null) {
            throw new LayerNotFoundException(layerId);
        }
        return l;
    }

    // ---- helpers ----

    private record Parsed(Geometry geometry, ObjectNode properties) {
    }

    private Parsed parse(JsonNode feature, boolean whole) {
        if (feature == null || !feature.isObject()) {
            throw ScenarioException.invalid("body", "the body is a GeoJSON Feature: {\"type\":\"Feature\", "
                    + "\"geometry\": …, \"properties\": {…}}");
        }
        JsonNode type = feature.get("type");
        if (type != null && !"Feature".equals(type.asString(""))) {
            throw ScenarioException.invalid("type", "the body is a GeoJSON Feature, not a " + type.asString(""));
        }
        JsonNode props = feature.get("properties");
        ObjectNode p;
        if (props == null || props.isNull()) {
            p = json.createObjectNode();
        } else if (props.isObject()) {
            p = (ObjectNode) props.deepCopy();
        } else {
            throw ScenarioException.invalid("properties", "properties must be a JSON object");
        }
        return new Parsed(parseGeometry(feature.get("geometry")), p);
    }

    private static Geometry parseGeometry(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ScenarioException.invalid("geometry", "the feature has no geometry");
        }
        try {
            Geometry g = GeoJson.read(node);
            g.setSRID(4326);
            return g;
        } catch (GeoJsonException | IllegalArgumentException e) {
            throw ScenarioException.invalid("geometry", "not a GeoJSON geometry: " + e.getMessage());
        }
    }

    private Geometry readGeoJson(String geometryJson) {
        return parseGeometry(json.readTree(geometryJson));
    }

    static byte[] wkb(Geometry g) {
        return new WKBWriter(2).write(EditCheck.stored(g));
    }

    static Geometry readWkb(byte[] wkb) {
        return IndicatorFeatureRepository.geometry(wkb);
    }

    private static Envelope envelope(byte[] wkb) {
        return readWkb(wkb).getEnvelopeInternal();
    }

    private static String editEtag(Scenario sc, EditRow e) {
        return etag("scenario", sc.id(), e.layerId(), e.key(), e.revision());
    }

    private static String baseEtag(LayerVersion v, String key) {
        return etag("version", v.id(), key);
    }

    static String etag(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p).append('|');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(h, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The layer kind of a layer of the workspace. */
    LayerKind kind(String ws, String layerId) {
        return layer(ws, layerId).kind();
    }

    ScenarioRepository repository() {
        return repo;
    }
}
