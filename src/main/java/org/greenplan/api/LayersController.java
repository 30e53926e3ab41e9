package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.greenplan.ingest.GeoJsonUpload;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerPublisher.Target;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.limits.BodyLimit;
import org.greenplan.security.Caller;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Layer management: list layers with their versions, create a layer from a GeoJSON FeatureCollection,
 * add a version, delete. Uploads need an analyst token, deletes an admin token.
 */
@RestController
@RequestMapping("/api/v1/layers")
public class LayersController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final LayerRepository layers;
    private final GeoJsonUpload upload;

    public LayersController(LayerRepository layers, GeoJsonUpload upload) {
        this.layers = layers;
        this.upload = upload;
    }

    @GetMapping(produces = "application/json")
    public List<Map<String, Object>> list() {
        return layers.findAll().stream().map(l -> describe(l, null)).toList();
    }

    @GetMapping(value = "/{layerId}", produces = "application/json")
    public Map<String, Object> get(@PathVariable String layerId) {
        Layer l = layers.find(layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        return describe(l, layers.versions(layerId));
    }

    @PostMapping(consumes = {"application/geo+json", "application/json"}, produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.GEOJSON)
    public ResponseEntity<Map<String, Object>> create(@RequestParam String name, @RequestParam String kind,
            @RequestParam(required = false) String id, HttpServletRequest request) throws IOException {
        LayerKind k = kind(kind);
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new BadRequestException("name", "name must be 1 to 200 characters");
        }
        String layerId = id == null || id.isBlank() ? layers.nextFreeId(k) : id.trim();
        if (!ID.matcher(layerId).matches()) {
            throw new BadRequestException("id", "id must be 1-64 characters of a-z, 0-9, '-' or '_', "
                    + "starting with a letter or digit");
        }
        Published p = upload.load(new Target(layerId, trimmed, k, true, "api:geojson", caller(request)),
                k.geometry(), request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", Links.base() + "/collections/" + layerId).body(published(p));
    }

    @PostMapping(value = "/{layerId}/versions", consumes = {"application/geo+json", "application/json"},
            produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.GEOJSON)
    public ResponseEntity<Map<String, Object>> addVersion(@PathVariable String layerId, HttpServletRequest request)
            throws IOException {
        Layer existing = layers.find(layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        Published p = upload.load(new Target(layerId, null, null, false, "api:geojson", caller(request)),
                existing.kind().geometry(), request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", Links.base() + "/collections/" + layerId).body(published(p));
    }

    @DeleteMapping("/{layerId}")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Void> delete(@PathVariable String layerId) {
        if (!layers.delete(layerId)) {
            throw new LayerNotFoundException(layerId);
        }
        return ResponseEntity.noContent().build();
    }

    private static LayerKind kind(String kind) {
        return LayerKind.fromId(kind).orElseThrow(() -> new BadRequestException("kind",
                "unknown layer kind '" + kind + "'; known kinds: " + LayerKind.allIds()));
    }


    private static String caller(HttpServletRequest request) {
        Object c = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        return c instanceof Caller caller ? caller.describe() : null;
    }

    private Map<String, Object> published(Published p) {
        Map<String, Object> m = describe(p.layer(), null);
        m.put("repaired", p.version().repaired());
        if (!p.repairs().isEmpty()) {
            m.put("repairs", p.repairs().stream()
                    .map(r -> Map.<String, Object>of("feature", r.index(), "reason", r.reason())).toList());
        }
        return m;
    }

    private Map<String, Object> describe(Layer l, List<LayerVersion> versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("kind", l.kind().id());
        m.put("kindName", Map.of("zh", l.kind().nameZh(), "en", l.kind().nameEn()));
        if (l.current() != null) {
            m.put("version", l.current().version());
            m.put("featureCount", l.current().featureCount());
            m.put("bbox", bbox(l.current().extent()));
        }
        if (versions != null) {
            m.put("versions", versions.stream().map(LayersController::version).toList());
        }
        m.put("links", List.of(Links.link(Links.base() + "/collections/" + l.id(), "collection", Links.JSON,
                "The layer as an OGC API collection")));
        return m;
    }

    private static Map<String, Object> version(LayerVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("featureCount", v.featureCount());
        m.put("repaired", v.repaired());
        m.put("geometryType", v.geometryType());
        m.put("bbox", bbox(v.extent()));
        m.put("source", v.source());
        m.put("createdBy", v.createdBy());
        m.put("createdAt", v.createdAt().toInstant().toString());
        return m;
    }

    private static List<Double> bbox(Envelope e) {
        return e.isNull() ? null : List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }
}
