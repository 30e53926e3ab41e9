package org.greenplan.ingest;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.InvalidLayerDataException;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerConflictException;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Import jobs: the upload is stored and analysed in the request (bad input is refused at once with a
 * 4xx), then loaded in the background by a bounded pool of workers; {@code import_job} records state,
 * percent, the report or the error. At start-up jobs left queued or running are marked failed, their
 * scratch tables dropped and their files removed; the layers they targeted are untouched because a
 * version only exists once its transaction committed.
 */
@Service
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    public static final String RESTARTED = "the server restarted during the import; the layer is as it was, "
            + "import the file again";

    private final ImportSettings settings;
    private final ImportAnalyzer analyzer;
    private final FileImport fileImport;
    private final ImportJobRepository jobs;
    private final LayerRepository layers;
    private final JdbcTemplate jdbc;
    private final ThreadPoolExecutor executor;

    public ImportJobs(ImportSettings settings, ImportAnalyzer analyzer, FileImport fileImport,
            ImportJobRepository jobs, LayerRepository layers, JdbcTemplate jdbc) {
        this.settings = settings;
        this.analyzer = analyzer;
        this.fileImport = fileImport;
        this.jobs = jobs;
        this.layers = layers;
        this.jdbc = jdbc;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), r -> org.greenplan.limits.BackgroundThreads.daemon(r, "import-" + n.incrementAndGet()));
    }

    /** Start-up recovery: fail unfinished jobs, drop their scratch tables, remove their files. */
    @PostConstruct
    public void recoverAfterRestart() {
        for (UUID id : jobs.failUnfinished(RESTARTED)) {
            log.warn("Import job {} was unfinished when the server stopped; marked failed", id);
        }
        for (String table : jobs.scratchTables()) {
            if (table.matches("imp_[0-9a-f]{32}")) {
                jdbc.execute("DROP TABLE IF EXISTS staging." + table);
            }
        }
        try {
            Files.createDirectories(settings.workDir());
            try (Stream<Path> s = Files.list(settings.workDir())) {
                s.filter(p -> p.getFileName().toString().matches("[0-9a-f-]{36}")).forEach(ImportJobs::deleteTree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + settings.workDir(), e);
        }
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }

    /** What the controller hands over: the uploaded file's name and bytes. */
    public interface Upload {
        String fileName();

        void transferTo(Path target) throws IOException;
    }

    /** Resolves the target layer and its kind: an existing layer id, or a new layer (kind required). */
    record Resolved(LayerKind kind, String existingLayerId) {
    }

    Resolved resolve(ImportRequest req) {
        if (req.layer() == null || req.layer().isBlank()) {
            throw new RejectedUploadException("layer", "give layer: an existing layer id or the name of a new layer");
        }
        Layer existing = layers.find(req.workspace(), req.layer().trim()).orElse(null);
        if (existing != null) {
            if (req.kind() != null && req.kind() != existing.kind()) {
                throw new RejectedUploadException("kind", "layer '" + existing.id() + "' is of kind "
                        + existing.kind().id() + ", not " + req.kind().id());
            }
            return new Resolved(existing.kind(), existing.id());
        }
        if (req.kind() == null) {
            throw new RejectedUploadException("kind", "'" + req.layer() + "' is not an existing layer id; to create a "
                    + "layer of that name give its kind (" + LayerKind.allIds() + ")");
        }
        if (req.layer().trim().length() > 200) {
            throw new RejectedUploadException("layer", "a layer name has at most 200 characters");
        }
        if (req.newLayerId() != null && layers.exists(req.workspace(), req.newLayerId())) {
            throw new LayerConflictException(req.newLayerId());
        }
        return new Resolved(req.kind(), null);
    }

    /** Stores and analyses the upload, then queues the job; returns its id. */
    public UUID submit(Upload upload, ImportRequest req) {
        Resolved target = resolve(req);
        UUID id = UUID.randomUUID();
        Path dir = settings.workDir().resolve(id.toString());
        ImportPlan plan;
        try {
            plan = prepare(dir, upload, req, target);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("layer", req.layer());
        request.put("kind", target.kind().id());
        putIfSet(request, "crs", req.crs());
        putIfSet(request, "encoding", req.encoding());
        putIfSet(request, "sourceLayer", req.sourceLayer());
        if (req.fieldMap() != null && !req.fieldMap().isEmpty()) {
            request.put("fieldMap", req.fieldMap());
        }
        if (req.valueMap() != null && !req.valueMap().isEmpty()) {
            request.put("valueMap", req.valueMap());
        }
        jobs.insert(id, req.workspace(), req.createdBy(), target.existingLayerId(), plan.fileName(), request);
        try {
            executor.execute(() -> run(id, plan, req.createdBy()));
        } catch (RejectedExecutionException e) {
            deleteTree(dir);
            jobs.failed(id, Map.of("reason", "too many imports are waiting; try again later"), null);
            throw new ImportQueueFullException();
        }
        return id;
    }

    /** The preview's half: store and analyse, then hand the plan to {@code use}; the files are removed after. */
    public <T> T withPlan(Upload upload, ImportRequest req, java.util.function.Function<ImportPlan, T> use) {
        Resolved target = resolve(req);
        Path dir = settings.workDir().resolve(UUID.randomUUID().toString());
        try {
            return use.apply(prepare(dir, upload, req, target));
        } finally {
            deleteTree(dir);
        }
    }

    /** {@code greenplan_import_rows_per_second} (/actuator/prometheus): features loaded per second of a job. */
    private static void recordRate(Object rows, long nanos) {
        if (rows instanceof Number n && nanos > 0) {
            io.micrometer.core.instrument.Metrics.summary("greenplan.import.rows.per.second")
                    .record(n.doubleValue() * 1e9 / nanos);
            io.micrometer.core.instrument.Metrics.counter("greenplan.import.rows").increment(n.doubleValue());
        }
    }

    private ImportPlan prepare(Path dir, Upload upload, ImportRequest req, Resolved target) {
        try {
            Files.createDirectories(dir.resolve("upload"));
            String name = ImportAnalyzer.safeName(upload.fileName() == null ? "upload" : upload.fileName());
            Path stored = dir.resolve("upload").resolve(name);
            upload.transferTo(stored);
            if (Files.size(stored) > settings.maxUploadBytes()) {
                throw new UploadTooLargeException(settings.maxUploadBytes());
            }
            return analyzer.analyze(dir, stored, name, req, target.kind(), target.existingLayerId());
        } catch (IOException | RuntimeException e) {
            if (StorageFullException.isDiskFull(e)) {
                throw new StorageFullException(e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new RejectedUploadException("file", "cannot read the upload: " + e.getMessage());
        }
    }

    private void run(UUID id, ImportPlan plan, String createdBy) {
        jobs.started(id);
        long t0 = System.nanoTime();
        try {
            Map<String, Object> report = fileImport.run(id, plan, createdBy, (p, stage) -> jobs.progress(id, p, stage));
            recordRate(report.get("featuresLoaded"), System.nanoTime() - t0);
            @SuppressWarnings("unchecked")
            Map<String, Object> layer = (Map<String, Object>) report.get("layer");
            jobs.succeeded(id, (String) layer.get("id"), report);
        } catch (RejectedUploadException e) {
            jobs.failed(id, error(e.field(), e.getMessage()), null);
        } catch (InvalidLayerDataException e) {
            Map<String, Object> error = error(e.field(), e.getMessage());
            error.put("errors", e.problems().stream().map(p -> Map.of("feature", p.index(), "reason", p.reason()))
                    .toList());
            jobs.failed(id, error, null);
        } catch (LayerConflictException | LayerNotFoundException e) {
            jobs.failed(id, error("layer", e.getMessage()), null);
        } catch (GdalRunner.GdalException e) {
            jobs.failed(id, error("file", e.getMessage()), null);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Import job {} failed unexpectedly (error id {})", id, ref, e);
            jobs.failed(id, error(null, "the import failed unexpectedly (error id " + ref + "); it has been logged"),
                    null);
        } finally {
            deleteTree(plan.jobDir());
        }
    }

    private static Map<String, Object> error(String field, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (field != null) {
            m.put("field", field);
        }
        m.put("reason", reason);
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }

    /** More jobs waiting than the queue holds (503). */
    public static class ImportQueueFullException extends org.greenplan.FieldException {
        public ImportQueueFullException() {
            super(Category.BUSY, null, "too many imports are waiting; try again later");
        }
    }

    /** Test and preview helper: an upload from a stream. */
    public static Upload upload(String fileName, InputStream in) {
        return new Upload() {
            public String fileName() {
                return fileName;
            }

            public void transferTo(Path target) throws IOException {
                Files.copy(in, target);
            }
        };
    }
}
