package org.greenplan.api;

import static org.greenplan.api.Links.GEOJSON;
import static org.greenplan.api.Links.JSON;
import static org.greenplan.api.Links.link;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.greenplan.layer.LayerRepository;
import org.greenplan.scenario.ScenarioService;
import org.greenplan.scenario.ScenarioService.FeaturePage;
import org.greenplan.scenario.ScenarioService.ScenarioFeature;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A scenario's layers as OGC API – Features (Part 1 reads, Part 4 Create/Replace/Update/Delete), under
 * {@code /w/{ws}/scenarios/{sc}/collections} and the same under {@code /api/v1/workspaces/{ws}/scenarios/{sc}}.
 * Reads show the baseline with the scenario's edits merged; a feature's id here is its key (source id, else stored
 * id; {@code sc<n>-<m>} for one the scenario added). Every feature carries an ETag; PUT, PATCH and DELETE honour
 * {@code If-Match} (412 when stale). Writes need the editor role.
 */
@RestController
@RequestMapping({"/w/{ws}/scenarios/{sc}", "/api/v1/workspaces/{ws}/scenarios/{sc}"})
public class ScenarioItemsController {

    private final ScenarioService scenarios;
    private final LayerRepository layers;
    private final ObjectMapper json;

    public ScenarioItemsController(ScenarioService scenarios, LayerRepository layers, ObjectMapper json) {
        this.scenarios = scenarios;
        this.layers = layers;
        this.json = json;
    }

    @GetMapping(value = "/collections", produces = "application/json")
    public CollectionResponse.Collections collections(WorkspaceScope scope, @PathVariable String sc) {
        long id = ScenarioService.id(scope.id(), sc);
        scenarios.get(scope.id(), id);
        String base = scope.ogc() + "/scenarios/" + id;
        return new CollectionResponse.Collections(List.of(link(base + "/collections", "self", JSON,
                "The layers in scenario " + id)), layers.findAll(scope.id()).stream()
                        .map(l -> CollectionResponse.of(l, base)).toList());
    }

    @GetMapping("/collections/{layerId}/items")
    public ResponseEntity<byte[]> items(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            HttpServletRequest request) {
        long id = ScenarioService.id(scope.id(), sc);
        ItemsQuery q = ItemsQuery.parse(request.getParameterMap());
        if (q.version() != null) {
            throw new BadRequestException("version", "a scenario's items are read at its own versions");
        }
        FeaturePage page = scenarios.page(scope.id(), id, layerId, q.bbox(), q.q(), q.limit(), q.offset());
        StringBuilder out = new StringBuilder(64 + page.features().size() * 512);
        out.append("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < page.features().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, page.features().get(i));
        }
        out.append("],\"numberMatched\":").append(page.numberMatched());
        out.append(",\"numberReturned\":").append(page.features().size());
        out.append(",\"scenario\":").append(id);
        if (page.version() != null) {
            out.append(",\"version\":").append(page.version().version());
        }
        String items = scope.ogc() + "/scenarios/" + id + "/collections/" + layerId + "/items";
        String search = q.q() == null ? "" : "&q=" + java.net.URLEncoder.encode(q.q(), StandardCharsets.UTF_8);
        List<Link> links = new java.util.ArrayList<>(List.of(
                link(items + "?limit=" + q.limit() + "&offset=" + q.offset() + search, "self", GEOJSON, "This page")));
        // a next page only when there is one: a client follows 'next' until it is missing
        if (q.offset() + page.features().size() < page.numberMatched()) {
            links.add(link(items + "?limit=" + q.limit() + "&offset=" + (q.offset() + q.limit()) + search, "next",
                    GEOJSON, "Next page"));
        }
        out.append(",\"links\":").append(json.writeValueAsString(links));
        out.append('}');
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEOJSON))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/collections/{layerId}/items/{featureId}")
    public ResponseEntity<byte[]> item(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable String featureId) {
        long id = ScenarioService.id(scope.id(), sc);
        return one(HttpStatus.OK, scenarios.feature(scope.id(), id, layerId, featureId), scope, id, layerId);
    }

    @PostMapping(value = "/collections/{layerId}/items", consumes = {"application/geo+json", "application/json"})
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<byte[]> create(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @RequestBody JsonNode feature) {
        long id = ScenarioService.id(scope.id(), sc);
        return one(HttpStatus.CREATED, scenarios.add(scope.id(), id, layerId, feature), scope, id, layerId);
    }

    @PutMapping(value = "/collections/{layerId}/items/{featureId}", consumes = {"application/geo+json", "application/json"})
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<byte[]> replace(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable String featureId, @RequestBody JsonNode feature,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long id = ScenarioService.id(scope.id(), sc);
        return one(HttpStatus.OK, scenarios.replace(scope.id(), id, layerId, featureId, feature, ifMatch), scope, id,
                layerId);
    }

    @PatchMapping(value = "/collections/{layerId}/items/{featureId}",
            consumes = {"application/merge-patch+json", "application/json", "application/geo+json"})
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<byte[]> update(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable String featureId, @RequestBody JsonNode patch,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long id = ScenarioService.id(scope.id(), sc);
        return one(HttpStatus.OK, scenarios.update(scope.id(), id, layerId, featureId, patch, ifMatch), scope, id,
                layerId);
    }

    @DeleteMapping("/collections/{layerId}/items/{featureId}")
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<Void> delete(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable String featureId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        scenarios.delete(scope.id(), ScenarioService.id(scope.id(), sc), layerId, featureId, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<byte[]> one(HttpStatus status, ScenarioFeature f, WorkspaceScope scope, long id,
            String layerId) {
        StringBuilder out = new StringBuilder(1024);
        append(out, f);
        String self = scope.ogc() + "/scenarios/" + id + "/collections/" + layerId + "/items/" + f.key();
        out.setLength(out.length() - 1);
        out.append(",\"links\":").append(json.writeValueAsString(List.of(link(self, "self", GEOJSON, "This feature"))))
                .append('}');
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).eTag(f.etag())
                .contentType(MediaType.parseMediaType(GEOJSON));
        if (status == HttpStatus.CREATED) {
            b.header(HttpHeaders.LOCATION, self);
        }
        return b.body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void append(StringBuilder out, ScenarioFeature f) {
        out.append("{\"type\":\"Feature\",\"id\":").append(json.writeValueAsString(f.key()));
        out.append(",\"geometry\":").append(f.geometryJson());
        out.append(",\"properties\":").append(f.propertiesJson());
        out.append(",\"scenarioState\":\"").append(f.state()).append("\"}");
    }
}
