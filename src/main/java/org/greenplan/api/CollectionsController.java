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
 * OGC API – Features collections: one per layer, showing its current version (or the version asked for),
 * and their items as GeoJSON pages with {@code next}/{@code prev} links, or one item.
 */
@RestController
public class CollectionsController {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private final LayerRepository layers;
    private final FeatureRepository features;
    private final ObjectMapper json;

    public CollectionsController(LayerRepository layers, FeatureRepository features, ObjectMapper json) {
        this.layers = layers;
        this.features = features;
        this.json = json;
    }

    @GetMapping(value = "/collections", produces = "application/json")
    public Map<String, Object> collections() {
        String base = Links.base();
        List<Map<String, Object>> list = layers.findAll().stream().map(l -> collection(l, base)).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(link(base + "/collections", "self", JSON, "The layers")));
        doc.put("collections", list);
        return doc;
    }

    @GetMapping(value = "/collections/{layerId}", produces = "application/json")
    public Map<String, Object> collection(@PathVariable String layerId) {
        return collection(layer(layerId), Links.base());
    }

    private Layer layer(String layerId) {
        return layers.find(layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
    }

    private Map<String, Object> collection(Layer l, String base) {
        String self = base + "/collections/" + l.id();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", l.id());
        c.put("title", l.name());
        c.put("description", l.kind().label() + (l.current() == null ? ", no version yet"
                : ", version " + l.current().version() + ", " + l.current().featureCount() + " features"));
        c.put("links", List.of(
                link(self, "self", JSON, "This layer"),
                link(self + "/items", "items", GEOJSON, "Features of " + l.name())));
        Envelope e = l.current() == null ? new Envelope() : l.current().extent();
        if (!e.isNull()) {
            c.put("extent", Map.of("spatial", Map.of(
                    "bbox", List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())), "crs", CRS84)));
        }
        c.put("itemType", "feature");
        c.put("crs", List.of(CRS84));
        c.put("storageCrs", CRS84);
        // greenplan's own members: what a planner's client needs to draw and trust the layer
        c.put("kind", l.kind().id());
        c.put("kindName", Map.of("zh", l.kind().nameZh(), "en", l.kind().nameEn()));
        c.put("group", l.kind().group());
        c.put("geometry", l.kind().geometry().label());
        c.put("style", l.kind().style().asMap());
        if (l.current() != null) {
            c.put("version", l.current().version());
            c.put("featureCount", l.current().featureCount());
            c.put("updated", l.current().createdAt().toInstant().toString());
        }
        return c;
    }

    @GetMapping("/collections/{layerId}/items")
    public ResponseEntity<byte[]> items(@PathVariable String layerId, HttpServletRequest request) {
        Layer layer = layer(layerId);
        ItemsQuery q = ItemsQuery.parse(request.getParameterMap());
        LayerVersion version = q.version() == null ? layer.current()
                : layers.findVersion(layerId, q.version()).orElseThrow(() -> new NotFoundException(
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
        out.append(",\"links\":").append(json.writeValueAsString(pageLinks(layerId, q, page)));
        out.append('}');
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEOJSON))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<Link> pageLinks(String layerId, ItemsQuery q, Page page) {
        String items = Links.base() + "/collections/" + layerId + "/items";
        List<Link> links = new ArrayList<>();
        links.add(link(items + query(q, q.offset()), "self", GEOJSON, "This page"));
        links.add(link(Links.base() + "/collections/" + layerId, "collection", JSON, "The layer"));
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

    @GetMapping("/collections/{layerId}/items/{featureId}")
    public ResponseEntity<byte[]> item(@PathVariable String layerId, @PathVariable String featureId,
            @RequestParam(required = false) String f) {
        layer(layerId);
        if (f != null && !f.equals("json") && !f.equals("geojson")) {
            throw new BadRequestException("f", "format '" + f + "' is not offered here; use f=json");
        }
        long id;
        try {
            id = Long.parseLong(featureId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("layer '" + layerId + "' has no feature '" + featureId + "'");
        }
        FeatureRow row = features.find(layerId, id).orElseThrow(() -> new NotFoundException(
                "layer '" + layerId + "' has no feature " + featureId));
        StringBuilder out = new StringBuilder(1024);
        appendFeature(out, row);
        String base = Links.base() + "/collections/" + layerId;
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
}
