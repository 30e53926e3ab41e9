package org.greenplan.api;

import static org.greenplan.api.Links.HTML;
import static org.greenplan.api.Links.JSON;
import static org.greenplan.api.Links.OPENAPI;
import static org.greenplan.api.Links.link;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0): the landing page, the API definition and
 * conformance; the collections and their items are {@link CollectionsController}. The map page is the landing
 * page's HTML form, so a browser opening {@code /} sees the map and a client asking for JSON sees the API.
 */
@RestController
public class FeaturesController {

    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

    private final byte[] mapPage;

    public FeaturesController() throws IOException {
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
}
