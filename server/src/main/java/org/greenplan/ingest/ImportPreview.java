package org.greenplan.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.greenplan.geo.ChinaCoordinates;
import org.greenplan.geo.GeoJson;
import org.greenplan.kind.CategoryTable;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The synchronous preview of an import: the first 20 features in EPSG:4326 as ogr2ogr reads them with
 * the decided CRS and encoding (GCJ-02/BD-09 converted), the decisions themselves, the fields with
 * sample values and the suggested field map; for facilities, every distinct category value of the file with
 * its proposed category (the wizard's value mapping). Nothing is stored.
 */
@Service
public class ImportPreview {

    public static final int FEATURES = 20;

    private final ImportJobs jobs;
    private final GdalRunner gdal;
    private final ImportSettings settings;
    private final ObjectMapper json;

    public ImportPreview(ImportJobs jobs, GdalRunner gdal, ImportSettings settings, ObjectMapper json) {
        this.jobs = jobs;
        this.gdal = gdal;
        this.settings = settings;
        this.json = json;
    }

    public Map<String, Object> preview(ImportJobs.Upload upload, ImportRequest req) {
        return jobs.withPlan(upload, req, this::preview);
    }

    private Map<String, Object> preview(ImportPlan plan) {
        Path out = plan.jobDir().resolve("preview.geojson");
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(),
                GdalSandbox.dataset(plan.source().path(), plan.jobDir()), GdalSandbox.layer(plan.source().layer()),
                "-limit", Integer.toString(FEATURES), "-lco", "COORDINATE_PRECISION=7", "-lco", "WRITE_BBOX=NO"));
        cmd.addAll(plan.readOptions());
        // reads the upload with its own driver and writes GeoJSON; no database access
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(plan.jobDir(),
                UploadContent.driver(plan.source().format()), "GeoJSON"), cmd, settings.gdalTimeout(), null);
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw new RejectedUploadException("file", "GDAL could not read the file: " + GdalRunner.errorLines(r.output()));
        }
        JsonNode fc;
        try {
            fc = json.readTree(out.toFile());
        } catch (RuntimeException e) {
            throw new RejectedUploadException("file", "GDAL could not convert the file: " + e.getMessage());
        }
        List<Object> features = new ArrayList<>();
        Map<String, List<Object>> samples = new LinkedHashMap<>();
        plan.source().fields().forEach(f -> samples.put(f, new ArrayList<>()));
        List<ImportWarning> warnings = new ArrayList<>(plan.warnings());
        boolean outside = false;
        for (JsonNode f : fc.path("features")) {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            JsonNode props = f.path("properties");
            Object geometry = null;
            if (f.hasNonNull("geometry")) {
                Geometry g = GeoJson.read(f.get("geometry"));
                ChinaCoordinates.apply(g, plan.crs().web(), true);
                if (!g.isEmpty()) {
                    var c = g.getEnvelopeInternal().centre();
                    outside |= ChinaCoordinates.outOfChina(c.x, c.y);
                }
                geometry = json.readTree(GeoJson.write(g, 7));
            }
            feature.put("properties", props);
            feature.put("geometry", geometry);
            features.add(feature);
            for (var e : samples.entrySet()) {
                JsonNode v = props.get(e.getKey());
                if (v != null && !v.isNull() && e.getValue().size() < 5 && !e.getValue().contains(v)) {
                    e.getValue().add(v);
                }
            }
        }
        if (outside) {
            warnings.add(ImportWarning.of("coordinates.outsideChina", "coordinates fall outside China: check the CRS"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", Map.of("file", plan.fileName(), "format", plan.source().format(), "layer",
                plan.source().layer(), "geometryType", plan.source().geometryType(),
                "featureCount", plan.source().featureCount()));
        body.put("kind", plan.kind().id());
        body.put("crs", FileImport.crs(plan));
        body.put("encoding", FileImport.encoding(plan));
        List<Object> fieldList = new ArrayList<>();
        samples.forEach((name, values) -> fieldList.add(Map.of("name", name, "samples", values)));
        body.put("fields", fieldList);
        body.put("suggestedFieldMap", plan.fieldMap());
        body.put("required", plan.kind().requiredAttributes());
        CategoryTable.of(plan.kind()).filter(t -> plan.fieldMap().containsKey(t.attribute())).ifPresent(t -> {
            body.put("categoryAttribute", t.attribute());
            body.put("categoryValues", categoryValues(plan, t, plan.fieldMap().get(t.attribute())));
            body.put("categories", new TreeSet<>(t.table().values()));
        });
        body.put("warnings", warnings);
        body.put("features", Map.of("type", "FeatureCollection", "features", features));
        return body;
    }

    /**
     * Every distinct value of the category field in the whole file (not only the first 20 features), how
     * many features carry it and the category proposed for it (the analyst's value map, else the standard
     * table, else null: unmatched, which the wizard warns about). Most frequent first.
     */
    private List<Map<String, Object>> categoryValues(ImportPlan plan, CategoryTable table, String field) {
        Path out = plan.jobDir().resolve("values.geojson");
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(),
                GdalSandbox.dataset(plan.source().path(), plan.jobDir()), GdalSandbox.layer(plan.source().layer()),
                "-select", field));
        cmd.addAll(plan.readOptions());
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(plan.jobDir(),
                UploadContent.driver(plan.source().format()), "GeoJSON"), cmd, settings.gdalTimeout(), null);
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw new RejectedUploadException("file", "GDAL could not read the file: " + GdalRunner.errorLines(r.output()));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode f : json.readTree(out.toFile()).path("features")) {
            JsonNode v = f.path("properties").get(field);
            if (v != null && !v.isNull() && !v.asString().isBlank()) {
                counts.merge(v.asString().trim(), 1, Integer::sum);
            }
        }
        List<Map<String, Object>> values = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", e.getKey());
            row.put("count", e.getValue());
            String proposed = plan.valueMap().get(e.getKey());
            row.put("proposed", proposed != null ? proposed
                    : table.categoryOf(e.getKey()).orElse(null));
            values.add(row);
        });
        return values;
    }
}
