package org.greenplan.api;

import static org.greenplan.api.Links.GEOJSON;
import static org.greenplan.api.Links.JSON;
import static org.greenplan.api.Links.link;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.layer.FeatureRepository;
import org.greenplan.layer.FeatureRepository.FeatureRow;
import org.greenplan.layer.FeatureRepository.Page;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * OGC API – Features collections of a workspace ({@code /w/{ws}/collections}; {@code /collections} serves the
 * default workspace): one per layer, showing its current version (or the version asked for),
 * and their items as GeoJSON pages with {@code next}/{@code prev} links, or one item.
 */
@RestController
public class CollectionsController {

    private final LayerRepository layers;
    private final FeatureRepository features;
    private final ObjectMapper json;
    private final org.greenplan.scenario.ScenarioDiff diff;
    private final org.greenplan.ingest.LayerExport export;

    public CollectionsController(LayerRepository layers, FeatureRepository features, ObjectMapper json,
            org.greenplan.scenario.ScenarioDiff diff, org.greenplan.ingest.LayerExport export) {
        this.layers = layers;
        this.features = features;
        this.json = json;
        this.diff = diff;
        this.export = export;
    }

    @GetMapping(value = {"/w/{ws}/collections", "/collections"}, produces = "application/json")
    public CollectionResponse.Collections collections(WorkspaceScope scope) {
        String base = scope.ogc();
        return new CollectionResponse.Collections(List.of(link(base + "/collections", "self", JSON, "The layers")),
                layers.findAll(scope.id()).stream().map(l -> CollectionResponse.of(l, base)).toList());
    }

    @GetMapping(value = {"/w/{ws}/collections/{layerId}", "/collections/{layerId}"}, produces = "application/json")
    public CollectionResponse collection(WorkspaceScope scope, @PathVariable String layerId) {
        return CollectionResponse.of(layer(scope, layerId), scope.ogc());
    }

    private Layer layer(WorkspaceScope scope, String layerId) {
        return layers.find(scope.id(), layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
    }

    @GetMapping({"/w/{ws}/collections/{layerId}/items", "/collections/{layerId}/items"})
    public ResponseEntity<?> items(WorkspaceScope scope, @PathVariable String layerId, HttpServletRequest request)
            throws java.io.IOException {
        Layer layer = layer(scope, layerId);
        if (request.getParameter("diffFrom") != null) {
            return versionDiff(scope, layer, request);
        }
        ItemsQuery q = ItemsQuery.parse(request.getParameterMap());
        LayerVersion version = q.version() == null ? layer.current()
                : layers.findVersion(scope.id(), layerId, q.version()).orElseThrow(() -> new NotFoundException(
                        "layer '" + layerId + "' has no version " + q.version()));
        Page page = version == null ? new Page(List.of(), 0) : features.page(version, q.bbox(), q.q(), q.limit(), q.offset());

        StringBuilder out = new StringBuilder(64 + page.features().size() * 512);
        out.append("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (FeatureRow row : page.features()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendFeature(out, row);
        }
        out.append("],\"numberMatched\":").append(page.numberMatched());
        out.append(",\"numberReturned\":").append(page.features().size());
        out.append(",\"timeStamp\":\"").append(Instant.now()).append('"');
        if (version != null) {
            out.append(",\"version\":").append(version.version());
        }
        out.append(",\"links\":").append(json.writeValueAsString(pageLinks(scope, layerId, q, page)));
        out.append('}');
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEOJSON))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<Link> pageLinks(WorkspaceScope scope, String layerId, ItemsQuery q, Page page) {
        String items = scope.ogc() + "/collections/" + layerId + "/items";
        List<Link> links = new ArrayList<>();
        links.add(link(items + query(q, q.offset()), "self", GEOJSON, "This page"));
        links.add(link(scope.ogc() + "/collections/" + layerId, "collection", JSON, "The layer"));
        if (q.offset() + page.features().size() < page.numberMatched() && !page.features().isEmpty()) {
            links.add(link(items + query(q, q.offset() + q.limit()), "next", GEOJSON, "Next page"));
        }
        if (q.offset() > 0) {
            links.add(link(items + query(q, Math.max(0, q.offset() - q.limit())), "prev", GEOJSON, "Previous page"));
        }
        return links;
    }

    private static String query(ItemsQuery q, long offset) {
        StringBuilder s = new StringBuilder("?f=json&limit=").append(q.limit()).append("&offset=").append(offset);
        if (q.bbox() != null) {
            Envelope b = q.bbox();
            s.append("&bbox=").append(URLEncoder.encode(b.getMinX() + "," + b.getMinY() + "," + b.getMaxX() + ","
                    + b.getMaxY(), StandardCharsets.UTF_8));
        }
        if (q.version() != null) {
            s.append("&version=").append(q.version());
        }
        if (q.q() != null) {
            s.append("&q=").append(URLEncoder.encode(q.q(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    @GetMapping({"/w/{ws}/collections/{layerId}/items/{featureId}", "/collections/{layerId}/items/{featureId}"})
    public ResponseEntity<byte[]> item(WorkspaceScope scope, @PathVariable String layerId,
            @PathVariable String featureId, @RequestParam(required = false) String f) {
        Layer layer = layer(scope, layerId);
        if (f != null && !f.equals("json") && !f.equals("geojson")) {
            throw new BadRequestException("f", "format '" + f + "' is not offered here; use f=json");
        }
        long id;
        try {
            id = Long.parseLong(featureId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("layer '" + layerId + "' has no feature '" + featureId + "'");
        }
        FeatureRow row = features.find(layer, id).orElseThrow(() -> new NotFoundException(
                "layer '" + layerId + "' has no feature " + featureId));
        StringBuilder out = new StringBuilder(1024);
        appendFeature(out, row);
        String base = scope.ogc() + "/collections/" + layerId;
        out.setLength(out.length() - 1);
        out.append(",\"links\":").append(json.writeValueAsString(List.of(
                link(base + "/items/" + id, "self", GEOJSON, "This feature"),
                link(base, "collection", JSON, "The layer")))).append('}');
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEOJSON))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void appendFeature(StringBuilder out, FeatureRow row) {
        out.append("{\"type\":\"Feature\",\"id\":").append(row.id());
        if (row.sourceId() != null) {
            out.append(",\"sourceId\":").append(json.writeValueAsString(row.sourceId()));
        }
        out.append(",\"geometry\":").append(row.geometryJson());
        out.append(",\"properties\":").append(row.propertiesJson()).append('}');
    }

    /**
     * {@code ?version=b&diffFrom=a}: the features added, removed and modified from version a to version b (b defaults
     * to the current one) as GeoJSON, or a GeoPackage with {@code f=gpkg}.
     */
    private ResponseEntity<?> versionDiff(WorkspaceScope scope, Layer layer, HttpServletRequest request)
            throws java.io.IOException {
        for (String name : request.getParameterMap().keySet()) {
            if (!List.of("diffFrom", "version", "f").contains(name)) {
                throw new BadRequestException(name, "with diffFrom only version and f are taken, not '" + name + "'");
            }
        }
        int from = versionNumber("diffFrom", request.getParameter("diffFrom"));
        String v = request.getParameter("version");
        if (v == null && layer.current() == null) {
            throw new BadRequestException("version", "layer '" + layer.id() + "' has no version yet");
        }
        int to = v == null ? layer.current().version() : versionNumber("version", v);
        return ScenariosController.DiffDownloads.answer(export, diff.versions(scope.id(), layer.id(), from, to).toString(),
                request.getParameter("f"), layer.id() + "-v" + from + "-v" + to + "-diff");
    }

    private static int versionNumber(String field, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(field, "'" + field + "' must be a version number (1, 2, …), not '" + value + "'");
    }
}
