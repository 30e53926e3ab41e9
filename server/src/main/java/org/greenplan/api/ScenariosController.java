package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.io.IOException;
import java.util.List;
import org.greenplan.ingest.LayerExport;
import org.greenplan.scenario.Scenario;
import org.greenplan.scenario.ScenarioAdoption;
import org.greenplan.scenario.ScenarioDiff;
import org.greenplan.scenario.ScenarioService;
import org.greenplan.security.Caller;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenarios (方案) of a workspace: list, create (pinning the current layer versions), read with its status, rename,
 * delete, undo the last edit, rebase onto a moved baseline, adopt (publish every edited layer as a new version),
 * and the diff against the baseline (GeoJSON, or a GeoPackage with {@code f=gpkg}). Writes need the editor role.
 * The features of a scenario are {@link ScenarioItemsController}.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/scenarios")
public class ScenariosController {

    private final ScenarioService scenarios;
    private final ScenarioAdoption adoption;
    private final ScenarioDiff diff;
    private final LayerExport export;

    public ScenariosController(ScenarioService scenarios, ScenarioAdoption adoption, ScenarioDiff diff,
            LayerExport export) {
        this.scenarios = scenarios;
        this.adoption = adoption;
        this.diff = diff;
        this.export = export;
    }

    @GetMapping(produces = "application/json")
    public List<ScenarioResponse> list(WorkspaceScope scope) {
        return scenarios.list(scope.id()).stream().map(s -> ScenarioResponse.of(s, null, scope)).toList();
    }

    @PostMapping(produces = "application/json")
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<ScenarioResponse> create(WorkspaceScope scope, @RequestBody ScenarioResponse.Change body,
            HttpServletRequest request) {
        Scenario s = scenarios.create(scope.id(), body.name(), body.description(), caller(request));
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, scope.api() + "/scenarios/" + s.id())
                .body(ScenarioResponse.of(s, adoption.status(scope.id(), s.id()), scope));
    }

    /** The facility categories an edit may use (the drawing tool's list). */
    public record Categories(List<String> categories) {
    }

    @GetMapping(value = "/categories", produces = "application/json")
    public Categories categories(WorkspaceScope scope) {
        return new Categories(List.copyOf(ScenarioService.facilityCategories()));
    }

    @GetMapping(value = "/{sc}", produces = "application/json")
    public ScenarioResponse get(WorkspaceScope scope, @PathVariable String sc) {
        long id = ScenarioService.id(scope.id(), sc);
        return ScenarioResponse.of(scenarios.get(scope.id(), id), adoption.status(scope.id(), id), scope);
    }

    @PatchMapping(value = "/{sc}", produces = "application/json")
    @RequiresRole(Role.EDITOR)
    public ScenarioResponse rename(WorkspaceScope scope, @PathVariable String sc, @RequestBody ScenarioResponse.Change body) {
        long id = ScenarioService.id(scope.id(), sc);
        return ScenarioResponse.of(scenarios.rename(scope.id(), id, body.name(), body.description()),
                adoption.status(scope.id(), id), scope);
    }

    @DeleteMapping("/{sc}")
    @RequiresRole(Role.EDITOR)
    public ResponseEntity<Void> delete(WorkspaceScope scope, @PathVariable String sc) {
        scenarios.delete(scope.id(), ScenarioService.id(scope.id(), sc));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/{sc}/undo", produces = "application/json")
    @RequiresRole(Role.EDITOR)
    public ScenarioResponse.Undone undo(WorkspaceScope scope, @PathVariable String sc) {
        long id = ScenarioService.id(scope.id(), sc);
        var undone = scenarios.undo(scope.id(), id);
        long revision = scenarios.get(scope.id(), id).revision();
        return undone.map(u -> new ScenarioResponse.Undone(true, u.get(0), u.get(1), revision))
                .orElse(new ScenarioResponse.Undone(false, null, null, revision));
    }

    @PostMapping(value = "/{sc}/rebase", produces = "application/json")
    @RequiresRole(Role.EDITOR)
    public ScenarioResponse.Rebased rebase(WorkspaceScope scope, @PathVariable String sc) {
        long id = ScenarioService.id(scope.id(), sc);
        ScenarioAdoption.Rebased r = adoption.rebase(scope.id(), id);
        return new ScenarioResponse.Rebased(ScenarioResponse.of(r.scenario(), adoption.status(scope.id(), id), scope),
                r.moved(), r.conflicts());
    }

    @PostMapping(value = "/{sc}/adopt", produces = "application/json")
    @RequiresRole(Role.EDITOR)
    public ScenarioResponse.Adopted adopt(WorkspaceScope scope, @PathVariable String sc, HttpServletRequest request) {
        long id = ScenarioService.id(scope.id(), sc);
        ScenarioAdoption.Adopted a = adoption.adopt(scope.id(), id, caller(request));
        return new ScenarioResponse.Adopted(ScenarioResponse.of(a.scenario(), null, scope), a.published());
    }

    /** The scenario against its baseline: GeoJSON of added, removed and modified features; {@code f=gpkg} downloads it. */
    @GetMapping("/{sc}/diff")
    public ResponseEntity<?> diff(WorkspaceScope scope, @PathVariable String sc,
            @RequestParam(required = false) String f) throws IOException {
        long id = ScenarioService.id(scope.id(), sc);
        String geoJson = diff.scenario(scope.id(), id).toString();
        return DiffDownloads.answer(export, geoJson, f, scope.id() + "-scenario-" + id + "-diff");
    }

    private static String caller(HttpServletRequest request) {
        return Caller.of(request).map(Caller::describe).orElse("anonymous");
    }

    /** GeoJSON or, with {@code f=gpkg}, the same as a GeoPackage download (shared with the version diff). */
    static final class DiffDownloads {
        private DiffDownloads() {
        }

        static ResponseEntity<?> answer(LayerExport export, String geoJson, String f, String name) throws IOException {
            if (f == null || f.equals("json") || f.equals("geojson")) {
                return ResponseEntity.ok().contentType(MediaType.parseMediaType(Links.GEOJSON)).body(geoJson);
            }
            if (!f.equals("gpkg")) {
                throw new BadRequestException("f", "format '" + f + "' is not offered for a diff; use json or gpkg");
            }
            try (LayerExport.ExportFile file = export.geoJsonAsGeoPackage(geoJson, name.replaceAll("[^A-Za-z0-9_-]", "_"))) {
                return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.fileName() + "\"")
                        .body(Files.readAllBytes(file.file()));
            }
        }
    }
}
