package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.greenplan.ingest.GeoJsonUpload;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerPublisher.Target;
import org.greenplan.layer.LayerRepository;
import org.greenplan.limits.BodyLimit;
import org.greenplan.security.Caller;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
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
 * Layer management in a workspace: list layers with their versions, create a layer from a GeoJSON
 * FeatureCollection, add a version, delete. Uploads need an analyst token, deletes an admin token. The unscoped
 * {@code /api/v1/layers} paths serve the default workspace.
 */
@RestController
@RequestMapping({"/api/v1/workspaces/{ws}/layers", "/api/v1/layers"})
public class LayersController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final LayerRepository layers;
    private final GeoJsonUpload upload;

    public LayersController(LayerRepository layers, GeoJsonUpload upload) {
        this.layers = layers;
        this.upload = upload;
    }

    @GetMapping(produces = "application/json")
    public List<LayerResponse> list(WorkspaceScope scope) {
        return layers.findAll(scope.id()).stream().map(l -> LayerResponse.of(l, null, scope)).toList();
    }

    @GetMapping(value = "/{layerId}", produces = "application/json")
    public LayerResponse get(WorkspaceScope scope, @PathVariable String layerId) {
        Layer l = layers.find(scope.id(), layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        return LayerResponse.of(l, layers.versions(scope.id(), layerId), scope);
    }

    @PostMapping(consumes = {"application/geo+json", "application/json"}, produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.GEOJSON)
    public ResponseEntity<LayerResponse> create(WorkspaceScope scope, @RequestParam String name,
            @RequestParam String kind, @RequestParam(required = false) String id, HttpServletRequest request)
            throws IOException {
        LayerKind k = kind(kind);
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new BadRequestException("name", "name must be 1 to 200 characters");
        }
        String layerId = id == null || id.isBlank() ? layers.nextFreeId(scope.id(), k) : id.trim();
        if (!ID.matcher(layerId).matches()) {
            throw new BadRequestException("id", "id must be 1-64 characters of a-z, 0-9, '-' or '_', "
                    + "starting with a letter or digit");
        }
        Published p = upload.load(new Target(scope.id(), layerId, trimmed, k, true, "api:geojson", caller(request)),
                k.geometry(), request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", scope.ogc() + "/collections/" + layerId).body(LayerResponse.published(p, scope));
    }

    @PostMapping(value = "/{layerId}/versions", consumes = {"application/geo+json", "application/json"},
            produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.GEOJSON)
    public ResponseEntity<LayerResponse> addVersion(WorkspaceScope scope, @PathVariable String layerId,
            HttpServletRequest request) throws IOException {
        Layer existing = layers.find(scope.id(), layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        Published p = upload.load(new Target(scope.id(), layerId, null, null, false, "api:geojson", caller(request)),
                existing.kind().geometry(), request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", scope.ogc() + "/collections/" + layerId).body(LayerResponse.published(p, scope));
    }

    @DeleteMapping("/{layerId}")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Void> delete(WorkspaceScope scope, @PathVariable String layerId) {
        if (!layers.delete(scope.id(), layerId)) {
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
}
