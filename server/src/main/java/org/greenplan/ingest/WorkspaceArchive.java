package org.greenplan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerPublisher;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.layer.StagedFeatures;
import org.greenplan.limits.Bulkheads;
import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.WorkspaceChange;
import org.greenplan.workspace.WorkspaceRequestException;
import org.greenplan.workspace.Workspaces;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backup and move: a whole workspace as one GeoPackage, and back. Each exported layer version is a table
 * {@code <layer>__v<n>} holding every feature's id ({@code greenplan_id}), its source id, its attributes exactly
 * as stored (the JSON text, so numbers, nulls and key order survive) and its geometry (WKB of the stored doubles:
 * identical to the bit); a table {@value #MANIFEST} holds the workspace, its layers and their versions. QGIS and
 * GDAL open the file like any GeoPackage.
 *
 * <p>A restore loads every table into a scratch table (ogr2ogr in the sandbox, the import login), then publishes
 * the workspace, its layers and their versions in one transaction: it lands whole or not at all. The features
 * keep their ids when none of them is held by a feature of this server (a move to another server, or a restore
 * after the workspace was deleted); otherwise (a copy beside the original) they get new ids in the same order.
 */
@Service
public class WorkspaceArchive {

    /** What the manifest's {@code format} says; a restore refuses any other. */
    public static final String FORMAT = "greenplan-workspace/1";
    static final String MANIFEST = "greenplan_manifest";
    private static final Pattern TABLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}__v[1-9][0-9]{0,8}");

    private final GdalRunner gdal;
    private final ImportSettings settings;
    private final LayerRepository layers;
    private final LayerPublisher publisher;
    private final Workspaces workspaces;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Bulkheads bulkheads;
    private final ObjectMapper json;

    public WorkspaceArchive(GdalRunner gdal, ImportSettings settings, LayerRepository layers, LayerPublisher publisher,
            Workspaces workspaces, JdbcTemplate jdbc, TransactionTemplate tx, Bulkheads bulkheads, ObjectMapper json) {
        this.gdal = gdal;
        this.settings = settings;
        this.layers = layers;
        this.publisher = publisher;
        this.workspaces = workspaces;
        this.jdbc = jdbc;
        this.tx = tx;
        this.bulkheads = bulkheads;
        this.json = json;
    }

    /** The table a version is written to. */
    static String table(String layerId, int version) {
        return layerId + "__v" + version;
    }

    /** Writes the workspace (every layer's current version, or every version) as a GeoPackage; the caller closes it. */
    public LayerExport.ExportFile export(String workspaceId, boolean allVersions) {
        Workspace w = workspaces.require(workspaceId);
        Path dir = settings.workDir().resolve(UUID.randomUUID().toString());
        try (Bulkheads.Permit slot = bulkheads.enter(Bulkheads.Kind.EXPORT)) {
            Files.createDirectories(dir.resolve("out"));
            Path out = dir.resolve("out").resolve(w.id() + ".gpkg");
            ObjectNode manifest = json.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("exportedAt", OffsetDateTime.now().toString());
            manifest.put("versions", allVersions ? "all" : "current");
            ObjectNode ws = manifest.putObject("workspace");
            ws.put("id", w.id());
            ws.put("name", w.name());
            ws.put("description", w.description());
            ws.put("visibility", w.visibility().code());
            if (w.measuringSrid() != null) {
                ws.put("measuringSrid", w.measuringSrid());
            }
            ArrayNode list = manifest.putArray("layers");
            boolean first = true;
            for (Layer layer : layers.findAll(w.id())) {
                if (layer.current() == null) {
                    continue;
                }
                ObjectNode l = list.addObject();
                l.put("id", layer.id());
                l.put("name", layer.name());
                l.put("kind", layer.kind().id());
                l.put("current", layer.current().version());
                ArrayNode versions = l.putArray("versions");
                for (LayerVersion v : allVersions ? layers.versions(w.id(), layer.id()) : List.of(layer.current())) {
                    String table = table(layer.id(), v.version());
                    List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GPKG"));
                    if (!first) {
                        cmd.add("-update");
                    }
                    cmd.addAll(List.of(out.toString(), gdal.pgReaderDatasource(), "-sql",
                            "SELECT id AS greenplan_id, source_id, properties::text AS properties, geom FROM feature"
                                    + " WHERE version_id = " + v.id() + " ORDER BY id",
                            "-nln", table, "-lco", "GEOMETRY_NAME=geom", "-nlt", declaredType(layer.kind().geometry())));
                    run(GdalRunner.Access.files(dir, "GPKG").withReaderDatabase(), cmd, "write " + table);
                    first = false;
                    ObjectNode vn = versions.addObject();
                    vn.put("version", v.version());
                    vn.put("table", table);
                    vn.put("features", v.featureCount());
                    vn.put("source", v.source());
                    vn.put("createdBy", v.createdBy());
                    vn.put("createdAt", v.createdAt() == null ? null : v.createdAt().toString());
                }
            }
            // the manifest as a one-row table without geometry, through a GeoJSON file Jackson wrote (no SQL text)
            ObjectNode collection = json.createObjectNode();
            collection.put("type", "FeatureCollection");
            ObjectNode feature = collection.putArray("features").addObject();
            feature.put("type", "Feature");
            feature.putObject("properties").put("format", FORMAT).put("manifest", json.writeValueAsString(manifest));
            feature.putNull("geometry");
            Path manifestFile = dir.resolve("manifest.geojson");
            Files.writeString(manifestFile, json.writeValueAsString(collection));
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GPKG"));
            if (!first) {
                cmd.add("-update");
            }
            cmd.addAll(List.of(out.toString(), manifestFile.toString(), "-nln", MANIFEST, "-nlt", "NONE"));
            run(GdalRunner.Access.files(dir, "GPKG", "GeoJSON"), cmd, "write the manifest");
            return new LayerExport.ExportFile(out, w.id() + ".gpkg", LayerExport.Format.GPKG.contentType, dir);
        } catch (IOException e) {
            ImportJobs.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ImportJobs.deleteTree(dir);
            throw e;
        }
    }

    /** What a restore made. */
    public record Restored(Workspace workspace, int layers, int versions, long features, boolean idsKept) {
    }

    /**
     * Restores an archive as workspace {@code id} (null: the archive's own id) named {@code name} (null: the
     * archive's name). A taken id is a 409 naming {@code id}; a file that is not a greenplan archive, or whose
     * tables do not hold what its manifest says, a 422 naming {@code file}; nothing is created then.
     */
    public Restored restore(InputStream upload, String id, String name, String createdBy) {
        Path dir = settings.workDir().resolve(UUID.randomUUID().toString());
        String session = "greenplan-restore-" + dir.getFileName().toString().substring(0, 8);
        List<String> scratch = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("archive.gpkg");
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            UploadContent.check(file, "geopackage");
            Manifest m = manifest(dir, file);
            WorkspaceChange change = new WorkspaceChange(id == null ? m.workspace().path("id").asString() : id,
                    name == null ? m.workspace().path("name").asString() : name,
                    m.workspace().path("description").isString() ? m.workspace().path("description").asString() : null,
                    m.workspace().path("visibility").asString("public"),
                    m.workspace().path("measuringSrid").isNumber() ? m.workspace().path("measuringSrid").asInt() : null);
            Workspace workspace = workspaces.checkedNew(change); // a taken id is refused before anything is loaded
            Map<String, String> scratchOf = new LinkedHashMap<>();
            for (ArchivedLayer l : m.layers()) {
                for (ArchivedVersion v : l.versions()) {
                    String table = "staging.arc_" + UUID.randomUUID().toString().replace("-", "");
                    scratch.add(table);
                    run(GdalRunner.Access.files(dir, "GPKG").withDatabase(session), List.of("ogr2ogr", "-f", "PostgreSQL",
                            gdal.pgDatasource(), file.toString(), v.table(), "-nln", table, "--config", "PG_USE_COPY", "YES",
                            "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid", "-lco", "SPATIAL_INDEX=NONE",
                            "-lco", "LAUNDER=NO", "-lco", "PRECISION=NO", "-lco", "UNLOGGED=ON"), "read " + v.table());
                    scratchOf.put(v.table(), table);
                }
            }
            Restored r = tx.execute(status -> publish(workspace, m, scratchOf, createdBy));
            // read back after the commit: the workspace entity is read through JPA, on its own connection
            return new Restored(workspaces.require(r.workspace().id()), r.layers(), r.versions(), r.features(),
                    r.idsKept());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            jdbc.queryForList("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ?"
                    + " AND pid <> pg_backend_pid()", session);
            for (String t : scratch) {
                jdbc.execute("DROP TABLE IF EXISTS " + t);
            }
            ImportJobs.deleteTree(dir);
        }
    }

    /**
     * Inserts the workspace (by JDBC: the JPA transaction manager cannot join this JDBC transaction), its layers and
     * their versions, in the caller's transaction.
     */
    private Restored publish(Workspace w, Manifest m, Map<String, String> scratchOf, String createdBy) {
        try {
            jdbc.update("INSERT INTO workspace (id, name, description, visibility, measuring_srid) VALUES (?, ?, ?, ?, ?)",
                    w.id(), w.name(), w.description(), w.visibility().code(), w.measuringSrid());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw WorkspaceRequestException.taken(w.id()); // made by another request since the check
        }
        workspaces.inserted(w.id());
        for (String table : scratchOf.values()) {
            checkColumns(table);
        }
        // ids kept only when no feature holds one (checked and used under the id lock, so it stays true)
        StagedFeatures.lockFeatureIds(jdbc);
        boolean keepIds = idsFree(scratchOf.values());
        int versions = 0;
        long features = 0;
        for (ArchivedLayer l : m.layers()) {
            boolean first = true;
            for (ArchivedVersion v : l.versions()) {
                String table = scratchOf.get(v.table());
                String select = "SELECT " + (keepIds ? "greenplan_id" : "row_number() OVER (ORDER BY greenplan_id) - 1")
                        + " AS idx, source_id::text, properties::jsonb, geom, CASE WHEN properties IS NULL OR"
                        + " jsonb_typeof(properties::jsonb) <> 'object' THEN 'properties are not a JSON object' END"
                        + " FROM " + table;
                long bound = keepIds ? jdbc.queryForObject("SELECT coalesce(max(greenplan_id), 0) + 1 FROM " + table,
                        Long.class) : jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
                LayerPublisher.Published p;
                try {
                    p = publisher.publish(new LayerPublisher.Target(w.id(), l.id(), first ? l.name() : null,
                            first ? l.kind() : null, first, v.source(), v.createdBy() == null ? createdBy : v.createdBy()),
                            staged -> {
                                if (keepIds) {
                                    staged.keepIds();
                                }
                                staged.promoteFrom(select, bound);
                            });
                } catch (DataAccessException e) {
                    throw new RejectedUploadException("file", "table " + v.table() + " cannot be restored: "
                            + rootMessage(e));
                }
                if (p.rejectedCount() > 0 || p.version().featureCount() != v.features()) {
                    throw new RejectedUploadException("file", "table " + v.table() + " holds " + p.version().featureCount()
                            + " usable features, the manifest says " + v.features()
                            + (p.rejected().isEmpty() ? "" : " (" + p.rejected().get(0).reason() + ")"));
                }
                if (v.createdAt() != null) {
                    jdbc.update("UPDATE layer_version SET created_at = ? WHERE id = ?", v.createdAt(), p.version().id());
                }
                first = false;
                versions++;
                features += p.version().featureCount();
            }
            // the current version as it was (an export of every version may have a current one older than the last)
            jdbc.update("""
                    UPDATE layer SET current_version_id = v.id FROM layer_version v
                     WHERE layer.workspace_id = ? AND layer.id = ? AND v.workspace_id = layer.workspace_id
                       AND v.layer_id = layer.id AND v.version = ?""", w.id(), l.id(), l.currentNumber());
        }
        return new Restored(w, m.layers().size(), versions, features, keepIds);
    }

    /** The scratch table holds the archive's columns with usable types, else the restore is refused. */
    private void checkColumns(String qualified) {
        String name = qualified.substring(qualified.indexOf('.') + 1);
        Map<String, String> columns = new LinkedHashMap<>();
        jdbc.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'staging'"
                + " AND table_name = ?", rs -> {
                    columns.put(rs.getString(1), rs.getString(2));
                }, name);
        if (!"bigint".equals(columns.get("greenplan_id")) && !"integer".equals(columns.get("greenplan_id"))
                || !columns.containsKey("properties") || !columns.containsKey("source_id")
                || !"USER-DEFINED".equals(columns.get("geom"))) {
            throw new RejectedUploadException("file", "a table of the archive lacks the columns greenplan_id, source_id,"
                    + " properties and geom: not written by greenplan's export");
        }
        if (jdbc.queryForObject("SELECT count(*) FROM " + qualified + " WHERE greenplan_id IS NULL OR geom IS NULL"
                + " OR ST_SRID(geom) <> 4326", Long.class) > 0) {
            throw new RejectedUploadException("file", "a table of the archive has features without an id, without a"
                    + " geometry or in a coordinate system other than EPSG:4326");
        }
    }

    private boolean idsFree(Iterable<String> tables) {
        List<String> selects = new ArrayList<>();
        tables.forEach(t -> selects.add("SELECT greenplan_id FROM " + t));
        if (selects.isEmpty()) {
            return true;
        }
        String all = String.join(" UNION ALL ", selects);
        return jdbc.queryForObject("SELECT count(*) = count(DISTINCT greenplan_id) AND min(greenplan_id) > 0"
                + " AND NOT EXISTS (SELECT 1 FROM feature f JOIN (" + all + ") a ON f.id = a.greenplan_id)"
                + " FROM (" + all + ") a", Boolean.class);
    }

    record ArchivedVersion(int version, String table, long features, String source, String createdBy,
            OffsetDateTime createdAt) {
    }

    record ArchivedLayer(String id, String name, LayerKind kind, int currentNumber, List<ArchivedVersion> versions) {
    }

    record Manifest(JsonNode workspace, List<ArchivedLayer> layers) {
    }

    /** Reads and checks the manifest table; anything unexpected refuses the file. */
    private Manifest manifest(Path dir, Path file) throws IOException {
        Path out = dir.resolve("manifest.geojson");
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(dir, "GPKG", "GeoJSON"), List.of("ogr2ogr", "-f", "GeoJSON",
                out.toString(), file.toString(), MANIFEST), settings.gdalTimeout(), null);
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw notAnArchive("it has no " + MANIFEST + " table");
        }
        JsonNode m;
        try {
            // GDAL marks a text column holding JSON as a JSON field and writes it back as an object, not a string
            JsonNode field = json.readTree(out.toFile()).path("features").path(0).path("properties").path("manifest");
            m = field.isObject() ? field : json.readTree(field.asString(""));
        } catch (JacksonException e) {
            throw notAnArchive("its manifest is not JSON");
        }
        if (!FORMAT.equals(m.path("format").asString(""))) {
            throw notAnArchive("its manifest's format is not " + FORMAT);
        }
        List<ArchivedLayer> list = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode l : m.path("layers")) {
            String id = l.path("id").asString("");
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}") || !ids.add(id)) {
                throw notAnArchive("layer id '" + id + "' is not a layer id, or appears twice");
            }
            LayerKind kind = LayerKind.fromId(l.path("kind").asString(""))
                    .orElseThrow(() -> notAnArchive("layer '" + id + "' has an unknown kind"));
            List<ArchivedVersion> versions = new ArrayList<>();
            int previous = 0;
            for (JsonNode v : l.path("versions")) {
                int n = v.path("version").asInt(0);
                String table = v.path("table").asString("");
                if (n <= previous || !TABLE.matcher(table).matches() || !table.equals(table(id, n))) {
                    throw notAnArchive("layer '" + id + "' lists version " + n + " as table '" + table + "'");
                }
                previous = n;
                OffsetDateTime at = null;
                if (v.path("createdAt").isString()) {
                    try {
                        at = OffsetDateTime.parse(v.path("createdAt").asString());
                    } catch (DateTimeParseException e) {
                        throw notAnArchive("version " + n + " of layer '" + id + "' has a bad createdAt");
                    }
                }
                versions.add(new ArchivedVersion(n, table, v.path("features").asLong(-1), text(v, "source"),
                        text(v, "createdBy"), at));
            }
            if (versions.isEmpty()) {
                throw notAnArchive("layer '" + id + "' has no version");
            }
            int current = l.path("current").asInt(versions.get(versions.size() - 1).version());
            // versions are renumbered 1, 2, … on restore; the current one keeps its place among them
            int currentNumber = 0;
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).version() == current) {
                    currentNumber = i + 1;
                }
            }
            if (currentNumber == 0) {
                currentNumber = versions.size();
            }
            list.add(new ArchivedLayer(id, l.path("name").asString(id), kind, currentNumber, List.copyOf(versions)));
        }
        return new Manifest(m.path("workspace"), List.copyOf(list));
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isString() ? n.path(field).asString() : null;
    }

    private static RejectedUploadException notAnArchive(String why) {
        return new RejectedUploadException("file", "not a greenplan workspace archive: " + why);
    }

    private void run(GdalRunner.Access access, List<String> cmd, String what) {
        GdalRunner.Result r = gdal.run(access, cmd, settings.gdalTimeout(), null);
        if (r.exitCode() != 0) {
            throw new RejectedUploadException("file", "ogr2ogr could not " + what + ": " + GdalRunner.errorLines(r.output()));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String s = String.valueOf(t.getMessage());
        return s.lines().findFirst().orElse(s);
    }

    /** Multi types for the families (features are stored multi), GEOMETRY for a layer of any type. */
    private static String declaredType(GeometryFamily family) {
        return switch (family) {
            case POLYGON -> "MULTIPOLYGON";
            case LINE -> "MULTILINESTRING";
            case POINT -> "MULTIPOINT";
            case ANY -> "GEOMETRY";
        };
    }
}
