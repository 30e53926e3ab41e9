package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.greenplan.ingest.LayerExport;
import org.greenplan.ingest.WorkspaceArchive;
import org.greenplan.limits.BodyLimit;
import org.greenplan.security.Caller;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.WorkspaceChange;
import org.greenplan.workspace.Workspaces;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Workspaces (工作空间): list those the caller may read, create one, read, change and delete one. Deleting removes
 * its layers, their versions and their tables in one transaction. Creating, changing and deleting need an admin.
 * Backup and move: a workspace exported as one GeoPackage and restored from it ({@link WorkspaceArchive}), admin
 * only.
 */
@RestController
@RequestMapping("/api/v1/workspaces")
public class WorkspacesController {

    private final Workspaces workspaces;
    private final WorkspaceArchive archive;

    public WorkspacesController(Workspaces workspaces, WorkspaceArchive archive) {
        this.workspaces = workspaces;
        this.archive = archive;
    }

    /**
     * A workspace: its box ({@code bbox}, from its layers; absent while it has none), the Gauss-Krüger zone it
     * measures in when it names one, and where its APIs are.
     */
    public record WorkspaceResponse(String id, String name, String description, String visibility,
            Integer measuringSrid, List<Double> bbox, String createdAt, String updatedAt, List<Link> links) {

        static WorkspaceResponse of(Workspace w) {
            String base = Links.base();
            return new WorkspaceResponse(w.id(), w.name(), w.description(), w.visibility().code(), w.measuringSrid(),
                    w.extent() == null ? null : LayerResponse.box(w.extent().getEnvelopeInternal()),
                    w.createdAt() == null ? null : w.createdAt().toString(),
                    w.updatedAt() == null ? null : w.updatedAt().toString(), List.of(
                            Links.link(base + "/api/v1/workspaces/" + w.id(), "self", Links.JSON, "This workspace"),
                            Links.link(base + "/w/" + w.id() + "/", "data", Links.JSON,
                                    "Its layers as OGC API - Features (GDAL, QGIS)"),
                            Links.link(base + "/api/v1/workspaces/" + w.id() + "/layers", "layers", Links.JSON,
                                    "Its layers"),
                            Links.link(base + "/api/v1/workspaces/" + w.id() + "/indicators", "indicators", Links.JSON,
                                    "Its indicators")));
        }
    }

    /** Every workspace the caller may read: the public ones, and the private ones it holds a role in. */
    @GetMapping(produces = "application/json")
    public List<WorkspaceResponse> list(HttpServletRequest request) {
        var caller = Caller.of(request);
        return workspaces.all().stream().filter(w -> Caller.mayRead(caller, w)).map(WorkspaceResponse::of).toList();
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<WorkspaceResponse> create(@RequestBody WorkspaceChange body) {
        Workspace w = workspaces.create(body);
        // read back: the database sets the timestamps
        WorkspaceResponse r = WorkspaceResponse.of(workspaces.require(w.id()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", r.links().get(0).href()).body(r);
    }

    @GetMapping(value = "/{ws}", produces = "application/json")
    public WorkspaceResponse get(WorkspaceScope scope) {
        return WorkspaceResponse.of(scope.workspace());
    }

    /** Changes the members given (name, description, visibility, measuringSrid); the id stays. */
    @PatchMapping(value = "/{ws}", consumes = {"application/json", "application/merge-patch+json"},
            produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public WorkspaceResponse change(WorkspaceScope scope, @RequestBody WorkspaceChange body) {
        return WorkspaceResponse.of(workspaces.change(scope.id(), body));
    }

    @DeleteMapping("/{ws}")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Void> delete(WorkspaceScope scope) {
        workspaces.delete(scope.id());
        return ResponseEntity.noContent().build();
    }

    /**
     * The whole workspace as one GeoPackage: every layer's current version ({@code versions=current}, the default)
     * or every version ({@code versions=all}), with a manifest table; {@code POST /api/v1/workspaces/import} restores it.
     */
    @GetMapping("/{ws}/export")
    @RequiresRole(Role.ADMIN)
    public void export(WorkspaceScope scope, @RequestParam(required = false) String versions,
            HttpServletResponse response) throws IOException {
        if (versions != null && !versions.equals("all") && !versions.equals("current")) {
            throw new BadRequestException("versions", "versions is 'current' (each layer's current version) or 'all',"
                    + " not '" + versions + "'");
        }
        try (LayerExport.ExportFile file = archive.export(scope.id(), "all".equals(versions))) {
            Downloads.send(file, response);
        }
    }

    /** What a restore made: the workspace, how many layers, versions and features, and whether ids were kept. */
    public record RestoredResponse(WorkspaceResponse workspace, int layers, int versions, long features,
            boolean idsKept) {
    }

    /**
     * Restores an exported workspace (multipart part {@code file}) under its own id or {@code id}, named as it was
     * or {@code name}: all of it in one transaction, or nothing. A taken id is a 409 naming {@code id}.
     */
    @PostMapping(value = "/import", consumes = "multipart/form-data", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    @BodyLimit(BodyLimit.Kind.UPLOAD)
    public ResponseEntity<RestoredResponse> restore(@RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String id, @RequestParam(required = false) String name,
            HttpServletRequest request) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file", "send the exported GeoPackage as the multipart part 'file'");
        }
        Object c = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        WorkspaceArchive.Restored r;
        try (InputStream in = file.getInputStream()) {
            r = archive.restore(in, id == null || id.isBlank() ? null : id.trim(),
                    name == null || name.isBlank() ? null : name.trim(), c instanceof Caller caller ? caller.describe() : null);
        }
        WorkspaceResponse w = WorkspaceResponse.of(r.workspace());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", w.links().get(0).href())
                .body(new RestoredResponse(w, r.layers(), r.versions(), r.features(), r.idsKept()));
    }
}
