package org.greenplan.api;

import static org.greenplan.api.Links.HTML;
import static org.greenplan.api.Links.JSON;
import static org.greenplan.api.Links.OPENAPI;
import static org.greenplan.api.Links.link;

import java.io.IOException;
import java.io.InputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.greenplan.security.Caller;
import org.greenplan.workspace.Workspaces;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) per workspace ({@code /w/{ws}/}): the landing page, the
 * API definition and conformance; the collections and their items are {@link CollectionsController}. The map page is the landing
 * page's HTML form, so a browser opening {@code /} sees the map and a client asking for JSON sees the API.
 */
@RestController
public class FeaturesController {

    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

    private final byte[] mapPage;
    private final Workspaces workspaces;

    public FeaturesController(Workspaces workspaces) throws IOException {
        this.mapPage = read("static/index.html");
        this.workspaces = workspaces;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** An OGC landing page; the root's lists the workspaces the caller may read. */
    public record LandingResponse(String title, String description, List<Link> links, List<WorkspaceLink> workspaces) {
    }

    /** A workspace the caller may read, with its own landing page (its OGC API) and JSON API. */
    public record WorkspaceLink(String id, String name, String visibility, List<Link> links) {
    }

    /**
     * The root: the map page for browsers, else the landing page of the default workspace's OGC API (kept where
     * existing clients find it) with a link to every workspace the caller may read.
     */
    @GetMapping("/")
    public ResponseEntity<?> landing(WorkspaceScope scope, @RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept, HttpServletRequest request) {
        if (!wantsJson(f, accept)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(mapPage);
        }
        String base = Links.base();
        Optional<Caller> caller = Caller.of(request);
        List<WorkspaceLink> readable = workspaces.all().stream().filter(w -> Caller.mayRead(caller, w))
                .map(w -> new WorkspaceLink(w.id(), w.name(), w.visibility().code(), List.of(
                        link(base + "/w/" + w.id() + "/", "child", JSON, "The workspace's OGC API - Features"),
                        link(base + "/api/v1/workspaces/" + w.id(), "describedby", JSON, "The workspace")))).toList();
        List<Link> links = new ArrayList<>(landingLinks(scope, base + "/?f=json"));
        links.add(link(base + "/api/v1/workspaces", "workspaces", JSON, "The workspaces"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new LandingResponse("greenplan",
                "Planning layers and green-development indicators (城乡建设绿色发展) as OGC API – Features; the root "
                        + "serves workspace '" + scope.id() + "', each workspace has its own at /w/{ws}/", links, readable));
    }

    /**
     * A workspace's landing page: what GDAL's OAPIF driver and QGIS open ({@code OAPIF:https://host/w/{ws}/}). A
     * browser gets the map page (which opens on the workspace of the address).
     */
    @GetMapping({"/w/{ws}/", "/w/{ws}"})
    public ResponseEntity<?> workspaceLanding(WorkspaceScope scope, @RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        if (!wantsJson(f, accept)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(mapPage);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new LandingResponse(
                "greenplan: " + scope.workspace().name(), scope.workspace().description() == null
                        ? "The layers of workspace '" + scope.id() + "' as OGC API – Features"
                        : scope.workspace().description(), landingLinks(scope, scope.ogc() + "/?f=json"), null));
    }

    private static List<Link> landingLinks(WorkspaceScope scope, String self) {
        String base = Links.base();
        return List.of(
                link(self, "self", JSON, "This document"),
                link(scope.ogc() + "/", "alternate", HTML, "The map"),
                link(base + "/api", "service-desc", OPENAPI, "The API definition"),
                link(base + ApiContract.SWAGGER_UI, "service-doc", HTML, "The API documentation (Swagger UI)"),
                link(scope.ogc() + "/conformance", "conformance", JSON, "Conformance classes"),
                link(scope.ogc() + "/collections", "data", JSON, "The layers"));
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

    /** The conformance classes, the same in every workspace. */
    public record ConformanceResponse(List<String> conformsTo) {
    }

    @GetMapping(value = {"/w/{ws}/conformance", "/conformance"}, produces = "application/json")
    public ConformanceResponse conformance(WorkspaceScope scope) {
        return new ConformanceResponse(CONFORMANCE);
    }
}
