package org.greenplan.api;

import static org.greenplan.api.Links.GEOJSON;
import static org.greenplan.api.Links.HTML;
import static org.greenplan.api.Links.JSON;
import static org.greenplan.api.Links.OPENAPI;
import static org.greenplan.api.Links.link;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0): the landing page, conformance, collections
 * (one per layer, showing its current version) and their items. The map page is the landing page's HTML
 * form, so a browser opening {@code /} sees the map and a client asking for JSON sees the API.
 */
@RestController
public class FeaturesController {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

    private final LayerRepository layers;
    private final FeatureRepository features;
    private final ObjectMapper json;
    private final byte[] mapPage;

    public FeaturesController(LayerRepository layers, FeatureRepository features, ObjectMapper json)
            throws IOException {
        this.layers = layers;
        this.features = features;
        this.json = json;
        this.mapPage = read("static/index.html");
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        }
    }

    @GetMapping("/")
    public ResponseEntity<?> landing(@RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        if (!wantsJson(f, accept)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(mapPage);
        }
        String base = Links.base();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", "greenplan");
        doc.put("description", "Planning layers and green-development indicators (城乡建设绿色发展) as OGC API – Features");
        doc.put("links", List.of(
                link(base + "/?f=json", "self", JSON, "This document"),
                link(base + "/", "alternate", HTML, "The map"),
                link(base + "/api", "service-desc", OPENAPI, "The API definition"),
                link(base + ApiContract.SWAGGER_UI, "service-doc", HTML, "The API documentation (Swagger UI)"),
                link(base + "/conformance", "conformance", JSON, "Conformance classes"),
                link(base + "/collections", "data", JSON, "The layers")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }

    /** JSON for f=json or an Accept header that asks for JSON and not HTML; HTML for browsers. */
    static boolean wantsJson(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "json" -> true;
                case "html" -> false;
                default -> throw new BadRequestException("f", "format '" + f + "' is not offered; use json or html");
            };
        }
        if (accept == null || accept.isBlank()) {
            return true;
        }
        return !accept.contains("text/html");
    }

    @GetMapping(value = "/conformance", produces = "application/json")
    public Map<String, Object> conformance() {
        return Map.of("conformsTo", CONFORMANCE);
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

    private List<Map<String, Object>> pageLinks(String layerId, ItemsQuery q, Page page) {
        String items = Links.base() + "/collections/" + layerId + "/items";
        List<Map<String, Object>> links = new ArrayList<>();
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
