package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.greenplan.ingest.ImportJobRepository;
import org.greenplan.ingest.ImportJobs;
import org.greenplan.ingest.ImportPreview;
import org.greenplan.ingest.ImportRequest;
import org.greenplan.ingest.ImportStage;
import org.greenplan.kind.CategoryTable;
import org.greenplan.kind.LayerKind;
import org.greenplan.limits.BodyLimit;
import org.greenplan.security.Caller;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * File imports (issue 3): {@code POST /api/v1/imports} queues a job (202), {@code GET /api/v1/imports/{id}}
 * reports it, {@code POST /api/v1/imports/preview} shows what an import would do without storing.
 * Analyst or admin token.
 */
@RestController
@RequestMapping({"/api/v1/workspaces/{ws}/imports", "/api/v1/imports"})
public class ImportsController {

    private final ImportJobs jobs;
    private final ImportPreview preview;
    private final ImportJobRepository repository;
    private final ObjectMapper json;

    public ImportsController(ImportJobs jobs, ImportPreview preview, ImportJobRepository repository,
            ObjectMapper json) {
        this.jobs = jobs;
        this.preview = preview;
        this.repository = repository;
        this.json = json;
    }

    @PostMapping(consumes = "multipart/form-data", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.UPLOAD)
    public ResponseEntity<QueuedResponse> submit(WorkspaceScope scope, @ModelAttribute ImportForm form,
            HttpServletRequest request) {
        ImportRequest req = request(scope, form, request);
        UUID job = jobs.submit(upload(form.file()), req);
        String self = scope.api() + "/imports/" + job;
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", self).body(new QueuedResponse(
                job.toString(), "queued", List.of(Links.link(self, "self", Links.JSON, "The import job"))));
    }

    /** An import accepted: its job id, to poll at the {@code self} link. */
    public record QueuedResponse(String id, String state, List<Link> links) {
    }

    /**
     * An import job: where it is ({@code percent}, {@code stage}), what was asked, and its report or error once it
     * ended (as the import wrote them).
     */
    public record JobResponse(String id, String workspace, String state, int percent, String stage, String stageText,
            String file,
            String layer, JsonNode request, String createdBy, String createdAt, String startedAt, String finishedAt,
            JsonNode report, JsonNode error) {
    }

    @PostMapping(value = "/preview", consumes = "multipart/form-data", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.UPLOAD)
    public Map<String, Object> preview(WorkspaceScope scope, @ModelAttribute ImportForm form,
            HttpServletRequest request) {
        ImportRequest req = request(scope, form, request);
        return preview.preview(upload(form.file()), req);
    }

    @GetMapping(value = "/{jobId}", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    public JobResponse get(WorkspaceScope scope, @PathVariable String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no import job '" + jobId + "'");
        }
        ImportJobRepository.Job job = repository.find(scope.id(), id).orElseThrow(() -> new NotFoundException(
                "no import job '" + jobId + "' in workspace '" + scope.id() + "'"));
        return new JobResponse(job.id().toString(), scope.id(), job.state(), job.percent(), job.stage(),
                ImportStage.textOf(job.stage()), job.fileName(),
                job.layerId(), json.readTree(job.request()), job.createdBy(), job.createdAt(), job.startedAt(),
                job.finishedAt(), job.report() == null ? null : json.readTree(job.report()),
                job.error() == null ? null : json.readTree(job.error()));
    }

    /** The multipart form of an import and of its preview: the same fields, all checked in {@link #request}. */
    public record ImportForm(MultipartFile file, String layer, String kind, String id, String crs, String encoding,
            String fieldMap, String sourceLayer, String x, String y, String valueMap) {
    }

    private ImportRequest request(WorkspaceScope scope, ImportForm form, HttpServletRequest request) {
        MultipartFile file = form.file();
        String layer = form.layer(), kind = form.kind(), id = form.id(), crs = form.crs(), encoding = form.encoding(),
                fieldMap = form.fieldMap(), sourceLayer = form.sourceLayer(), x = form.x(), y = form.y();
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file", "send the file as the multipart part 'file'");
        }
        if (layer == null || layer.isBlank()) {
            throw new BadRequestException("layer", "give layer: an existing layer id or the name of a new layer");
        }
        LayerKind k = null;
        if (kind != null && !kind.isBlank()) {
            k = LayerKind.fromId(kind).orElseThrow(() -> new BadRequestException("kind",
                    "unknown layer kind '" + kind + "'; known kinds: " + LayerKind.allIds()));
        }
        if (id != null && !id.isBlank() && !id.trim().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new BadRequestException("id", "id must be 1-64 characters of a-z, 0-9, '-' or '_', "
                    + "starting with a letter or digit");
        }
        Map<String, String> map = new LinkedHashMap<>();
        if (fieldMap != null && !fieldMap.isBlank()) {
            JsonNode node;
            try {
                node = json.readTree(fieldMap);
            } catch (JacksonException e) {
                throw new BadRequestException("fieldMap", "fieldMap must be a JSON object such as "
                        + "{\"population\":\"RKS\"}");
            }
            if (!node.isObject()) {
                throw new BadRequestException("fieldMap", "fieldMap must be a JSON object such as {\"population\":\"RKS\"}");
            }
            for (var e : node.properties()) {
                if (!e.getValue().isString()) {
                    throw new BadRequestException("fieldMap", "fieldMap values must be field names (strings)");
                }
                map.put(e.getKey(), e.getValue().asString());
            }
        }
        Map<String, String> values = valueMap(form.valueMap(), k);
        Object c = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        return new ImportRequest(scope.id(), layer.trim(), id == null || id.isBlank() ? null : id.trim(), k, blank(crs),
                blank(encoding), map, blank(sourceLayer), blank(x), blank(y),
                c instanceof Caller caller ? caller.describe() : null, values);
    }

    /**
     * The wizard's value mapping: a JSON object source value → a category greenplan knows for the kind's coded
     * attribute (facility category, land_use); for an upload into an existing layer (kind not given) any
     * table's category.
     */
    private Map<String, String> valueMap(String valueMap, LayerKind kind) {
        Map<String, String> out = new LinkedHashMap<>();
        if (valueMap == null || valueMap.isBlank()) {
            return out;
        }
        String example = "valueMap must be a JSON object such as {\"highway=bus_stop\":\"bus_stop\"}";
        JsonNode node;
        try {
            node = json.readTree(valueMap);
        } catch (JacksonException e) {
            throw new BadRequestException("valueMap", example);
        }
        if (!node.isObject()) {
            throw new BadRequestException("valueMap", example);
        }
        var known = new java.util.TreeSet<String>();
        for (LayerKind each : kind == null ? LayerKind.values() : new LayerKind[] {kind}) {
            CategoryTable.of(each).ifPresent(t -> known.addAll(t.table().values()));
        }
        for (var e : node.properties()) {
            if (!e.getValue().isString() || !known.contains(e.getValue().asString().trim())) {
                throw new BadRequestException("valueMap", "valueMap maps '" + e.getKey() + "' to " + e.getValue()
                        + ", which is not a category of " + (kind == null ? "any kind" : "a " + kind.id() + " layer")
                        + "; known categories: " + String.join(", ", known));
            }
            out.put(e.getKey(), e.getValue().asString().trim());
        }
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static ImportJobs.Upload upload(MultipartFile file) {
        return new ImportJobs.Upload() {
            @Override
            public String fileName() {
                return file.getOriginalFilename();
            }

            @Override
            public void transferTo(Path target) throws IOException {
                file.transferTo(target);
            }
        };
    }
}
