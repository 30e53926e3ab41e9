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
@RequestMapping("/api/v1/imports")
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
    public ResponseEntity<Map<String, Object>> submit(@ModelAttribute ImportForm form, HttpServletRequest request) {
        ImportRequest req = request(form, request);
        UUID job = jobs.submit(upload(form.file()), req);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.toString());
        body.put("state", "queued");
        String self = Links.base() + "/api/v1/imports/" + job;
        body.put("links", List.of(Links.link(self, "self", Links.JSON, "The import job")));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", self).body(body);
    }

    @PostMapping(value = "/preview", consumes = "multipart/form-data", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    @BodyLimit(BodyLimit.Kind.UPLOAD)
    public Map<String, Object> preview(@ModelAttribute ImportForm form, HttpServletRequest request) {
        ImportRequest req = request(form, request);
        return preview.preview(upload(form.file()), req);
    }

    @GetMapping(value = "/{jobId}", produces = "application/json")
    @RequiresRole(Role.ANALYST)
    public Map<String, Object> get(@PathVariable String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no import job '" + jobId + "'");
        }
        ImportJobRepository.Job job = repository.find(id).orElseThrow(() -> new NotFoundException(
                "no import job '" + jobId + "'"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id().toString());
        m.put("state", job.state());
        m.put("percent", job.percent());
        m.put("stage", job.stage());
        m.put("file", job.fileName());
        m.put("layer", job.layerId());
        m.put("request", json.readTree(job.request()));
        m.put("createdBy", job.createdBy());
        m.put("createdAt", job.createdAt());
        m.put("startedAt", job.startedAt());
        m.put("finishedAt", job.finishedAt());
        if (job.report() != null) {
            m.put("report", json.readTree(job.report()));
        }
        if (job.error() != null) {
            m.put("error", json.readTree(job.error()));
        }
        return m;
    }

    /** The multipart form of an import and of its preview: the same fields, all checked in {@link #request}. */
    public record ImportForm(MultipartFile file, String layer, String kind, String id, String crs, String encoding,
            String fieldMap, String sourceLayer, String x, String y) {
    }

    private ImportRequest request(ImportForm form, HttpServletRequest request) {
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
        Object c = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        return new ImportRequest(layer.trim(), id == null || id.isBlank() ? null : id.trim(), k, blank(crs),
                blank(encoding), map, blank(sourceLayer), blank(x), blank(y),
                c instanceof Caller caller ? caller.describe() : null);
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
