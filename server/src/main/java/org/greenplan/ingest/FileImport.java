package org.greenplan.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.greenplan.geo.ChinaCoordinates;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.kind.CategoryTable;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.FeatureProblem;
import org.greenplan.layer.LayerPublisher;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerPublisher.Target;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.StagedFeatures;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Executes an {@link ImportPlan}: ogr2ogr loads the layer with PG COPY into a scratch table of the
 * staging schema (Z/M dropped, promoted to multi-part), as it is when the CRS is a known EPSG code and
 * reprojected to EPSG:4326 by ogr2ogr otherwise. Then one {@link LayerPublisher} transaction builds the
 * version from it in SQL: reprojection by PostGIS, attributes to jsonb with the field map applied,
 * facility categories mapped, checks, repairs (see {@link StagedFeatures}). Unusable features (no or empty
 * geometry, coordinates not finite or off the globe, a type the kind does not take) are rejected and
 * listed. The scratch table is dropped whatever happens.
 */
@Service
public class FileImport {

    private final GdalRunner gdal;
    private final ImportSettings settings;
    private final LayerPublisher publisher;
    private final LayerRepository layers;
    private final FieldMapper fields;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public FileImport(GdalRunner gdal, ImportSettings settings, LayerPublisher publisher, LayerRepository layers,
            FieldMapper fields, JdbcTemplate jdbc, DataSource dataSource) {
        this.gdal = gdal;
        this.settings = settings;
        this.publisher = publisher;
        this.layers = layers;
        this.fields = fields;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The scratch table of a job (in schema staging); derived from the job id only. */
    public static String scratchTable(UUID job) {
        return "imp_" + job.toString().replace("-", "");
    }

    /** Why a row is rejected, as SQL over the geometry expression {@code g} (no user input in it). */
    private static String rejectReason(GeometryFamily family, String g) {
        String types = switch (family) {
            case POLYGON -> "'ST_Polygon','ST_MultiPolygon'";
            case LINE -> "'ST_LineString','ST_MultiLineString'";
            case POINT -> "'ST_Point','ST_MultiPoint'";
            case ANY -> null;
        };
        return ("""
                CASE WHEN $g IS NULL THEN 'the feature has no geometry'
                     WHEN EXISTS (SELECT 1 FROM ST_DumpPoints($g) p
                                   WHERE ST_X(p.geom) IN ('NaN', 'Infinity', '-Infinity')
                                      OR ST_Y(p.geom) IN ('NaN', 'Infinity', '-Infinity'))
                          THEN 'coordinates are not finite or fall off the globe after reprojection (NaN, Infinity or a wrong CRS)'
                     WHEN ST_IsEmpty($g) THEN 'the geometry is empty (a point with a NaN coordinate also reads as empty)'
                     WHEN NOT (ST_XMin($g) >= -180 AND ST_XMax($g) <= 180 AND ST_YMin($g) >= -90
                               AND ST_YMax($g) <= 90)
                          THEN 'coordinates are not finite or fall off the globe after reprojection (NaN, Infinity or a wrong CRS)'
                """ + (types == null ? "" : "     WHEN ST_GeometryType($g) NOT IN (" + types + ")"
                + " THEN 'a ' || GeometryType($g) || ' cannot go into a " + family.label() + " layer'\n")
                + " END").replace("$g", g);
    }

    /** ST_Transform to WGS84; PROJ fails the whole statement on one point outside the projection's domain. */
    private static final String TRANSFORM = "ST_Transform(%s, 4326)";
    /** The same row by row: an untransformable point becomes a NaN point, which is rejected and listed. */
    private static final String TRANSFORM_OR_NAN = "staging.to_wgs84_or_nan(%s)";

    public Map<String, Object> run(UUID job, ImportPlan plan, String createdBy, BiConsumer<Integer, String> progress) {
        String qualified = "staging." + scratchTable(job);
        try {
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL", gdal.pgDatasource(),
                    GdalSandbox.dataset(plan.source().path(), plan.jobDir()), GdalSandbox.layer(plan.source().layer()),
                    "-nln", qualified, "-overwrite",
                    "--config", "PG_USE_COPY", "YES", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid",
                    "-lco", "SPATIAL_INDEX=NONE", "-lco", "LAUNDER=NO", "-lco", "PRECISION=NO",
                    "-lco", "UNLOGGED=ON", "-nlt", "PROMOTE_TO_MULTI", "-progress"));
            int reprojectFrom = reprojectableInDatabase(plan);
            cmd.addAll(plan.readOptions(reprojectFrom));
            progress.accept(10, ImportStage.READING.code());
            // the only GDAL process of an upload that gets the database's password: it writes the scratch table
            GdalRunner.Access access = GdalRunner.Access.files(plan.jobDir(), UploadContent.driver(plan.source().format()))
                    .withDatabase(sessionName(job));
            GdalRunner.Result r = gdal.run(access, cmd, settings.gdalTimeout(),
                    p -> progress.accept(10 + p * 4 / 10, ImportStage.READING.code()));
            if (r.exitCode() != 0) {
                throw new RejectedUploadException("file", "GDAL could not read the file: "
                        + GdalRunner.errorLines(r.output()));
            }
            // read once and dropped: autovacuum working on a freshly copied million rows would only take a core
            // from the import (setting this also stops a run that has started)
            jdbc.execute("ALTER TABLE " + qualified + " SET (autovacuum_enabled = false)");
            boolean hasGeometry = hasGeometry(qualified);
            String transform = reprojectFrom != 0 && hasGeometry ? TRANSFORM : null;
            progress.accept(52, ImportStage.PREPARING.code());
            try {
                return publish(plan, qualified, hasGeometry, transform, createdBy, progress);
            } catch (DataAccessException e) {
                if (transform == null || !outsideProjectionDomain(e)) {
                    throw e;
                }
                // the publishing transaction was rolled back whole: publish again, reprojecting row by row
                return publish(plan, qualified, true, TRANSFORM_OR_NAN, createdBy, progress);
            }
        } finally {
            // an ogr2ogr killed at the time limit may leave its session waiting in the server; end it
            // so that it cannot create the scratch table after the drop below
            jdbc.queryForList("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ?"
                    + " AND pid <> pg_backend_pid()", sessionName(job));
            jdbc.execute("DROP TABLE IF EXISTS " + qualified);
        }
    }

    /**
     * The EPSG code to reproject from in PostGIS, or 0 to let ogr2ogr reproject. ogr2ogr's -t_srs spends
     * ~35 µs per five-vertex polygon here, ST_Transform ~3.5 µs with the same PROJ pipeline, so a known EPSG
     * code is left to PostGIS; a CRS PostGIS does not know (a custom .prj) stays with GDAL.
     */
    private int reprojectableInDatabase(ImportPlan plan) {
        int epsg = plan.crs().epsg();
        if (epsg == 0 || epsg == 4326) {
            return 0;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT exists(SELECT 1 FROM spatial_ref_sys WHERE srid = ? AND auth_name = 'EPSG' AND auth_srid = ?)
                """, Boolean.class, epsg, epsg)) ? epsg : 0;
    }

    private boolean hasGeometry(String scratch) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT exists(SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'geom'
                                                           AND NOT attisdropped)""", Boolean.class, scratch));
    }

    /** PostGIS's "transform: Point outside of projection domain" and the like: PROJ refused a coordinate. */
    private static boolean outsideProjectionDomain(DataAccessException e) {
        String message = e.getMostSpecificCause().getMessage();
        return message != null && message.contains("transform:");
    }

    /** The application_name of a job's ogr2ogr sessions. */
    static String sessionName(UUID job) {
        return "greenplan-import-" + job;
    }

    /**
     * Publishes the scratch table's rows as the layer's next version. {@code transform} reprojects a geometry
     * to EPSG:4326 ({@link #TRANSFORM} or {@link #TRANSFORM_OR_NAN}), or is null when ogr2ogr did it (or the
     * table has no geometry column, {@code hasGeometry} false).
     */
    private Map<String, Object> publish(ImportPlan plan, String scratch, boolean hasGeometry, String transform,
            String createdBy, BiConsumer<Integer, String> progress) {
        LayerKind kind = plan.kind();
        // a function in FROM is evaluated once per row, however often the checks below use its result
        String g = !hasGeometry ? "NULL::geometry" : transform == null ? "s.geom" : "g.geom";
        String from = scratch + " s" + (transform == null ? ""
                : " CROSS JOIN LATERAL " + transform.formatted("s.geom") + " AS g (geom)");
        String rows = "SELECT (s.ogc_fid - 1)::bigint AS idx, (s.ogc_fid - 1)::text AS source_id, "
                + properties(plan, scratch) + " AS properties, " + g + " AS geom, " + rejectReason(kind.geometry(), g)
                + " AS reason FROM " + from;
        List<ImportWarning> warnings = new ArrayList<>(plan.warnings());
        Target target = target(plan, createdBy);
        Published published = publisher.publish(target, staged -> {
            staged.rejectUnrepairable();
            // the kind's coded attribute (facility category, construction land's land_use) is mapped in staging
            CategoryTable coded = CategoryTable.of(kind).filter(t -> plan.fieldMap().containsKey(t.attribute())).orElse(null);
            boolean mapsCategories = coded != null;
            if (plan.crs().web() == ChinaCoordinates.System.WGS84 && !mapsCategories) {
                staged.promoteFrom(rows, jdbc.queryForObject("SELECT coalesce(max(ogc_fid), 0) FROM " + scratch,
                        Long.class));
            } else if (plan.crs().web() == ChinaCoordinates.System.WGS84) {
                staged.insertSelect(rows);
            } else {
                stageFromWebMap(staged, plan.crs().web(), "SELECT idx, properties::text, ST_AsBinary(geom), reason FROM ("
                        + rows + ") r ORDER BY idx");
                staged.finishCopy();
            }
            if (mapsCategories) {
                mapCategories(staged.jdbc(), coded, plan.valueMap(), warnings);
            }
            // the reprojection, the checks, the repairs, the version's table, its indexes and the commit follow
            progress.accept(55, (transform == null ? ImportStage.PUBLISHING : ImportStage.REPROJECTING).code());
        });
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("layer", Map.of("id", published.layer().id(), "name", published.layer().name(),
                "kind", published.layer().kind().id()));
        report.put("version", published.version().version());
        report.put("source", Map.of("file", plan.fileName(), "format", plan.source().format(),
                "layer", plan.source().layer()));
        report.put("featuresRead", published.version().featureCount() + published.rejectedCount());
        report.put("featuresLoaded", published.version().featureCount());
        report.put("featuresRepaired", published.version().repaired());
        report.put("featuresRejected", published.rejectedCount());
        report.put("repairs", published.repairs().stream().map(FileImport::problem).toList());
        report.put("rejections", published.rejected().stream().map(FileImport::problem).toList());
        report.put("crs", crs(plan));
        report.put("encoding", encoding(plan));
        report.put("fieldMap", plan.fieldMap());
        var extent = published.version().extent();
        if (!extent.isNull() && (ChinaCoordinates.outOfChina(extent.getMinX(), extent.getMinY())
                || ChinaCoordinates.outOfChina(extent.getMaxX(), extent.getMaxY()))) {
            String box = round(extent.getMinX()) + ", " + round(extent.getMinY()) + " – " + round(extent.getMaxX()) + ", "
                    + round(extent.getMaxY());
            warnings.add(ImportWarning.of("coordinates.outsideChina", "coordinates fall outside China (extent " + box
                    + "): check the CRS", "extent", box));
        }
        report.put("warnings", warnings);
        return report;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static Map<String, Object> crs(ImportPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detected", plan.crs().label());
        m.put("decidedBy", plan.crs().decidedBy());
        m.put("detail", plan.crs().detail());
        if (plan.crs().sourceSrs() != null) {
            m.put("sourceSrs", plan.crs().sourceSrs());
        }
        m.put("stored", "EPSG:4326");
        return m;
    }

    static Map<String, Object> encoding(ImportPlan plan) {
        return Map.of("detected", plan.encoding().name(), "decidedBy", plan.encoding().decidedBy(),
                "detail", plan.encoding().detail());
    }

    private static Map<String, Object> problem(FeatureProblem p) {
        return Map.of("feature", p.index(), "reason", p.reason());
    }

    private Target target(ImportPlan plan, String createdBy) {
        if (plan.existingLayerId() != null) {
            return new Target(plan.workspace(), plan.existingLayerId(), null, null, false, "import:" + plan.source().format(),
                    createdBy);
        }
        String id = plan.newLayerId() != null ? plan.newLayerId() : layers.nextFreeId(plan.workspace(), plan.kind());
        return new Target(plan.workspace(), id, plan.layerName(), plan.kind(), true, "import:" + plan.source().format(), createdBy);
    }


    /**
     * The attributes as a jsonb expression over the scratch row {@code s} (nulls dropped), the mapped columns
     * renamed to the kind's attribute names and a column already bearing such a name giving way to the mapped
     * one. PostgreSQL quotes the names, which come from the file. Built column by column, not from the whole
     * row: to_jsonb of the row would turn every geometry into GeoJSON only to drop it, and stripping nulls is
     * only paid for by rows that have some.
     */
    private String properties(ImportPlan plan, String scratch) {
        String[] targets = plan.fieldMap().keySet().toArray(String[]::new);
        String[] sources = plan.fieldMap().values().toArray(String[]::new);
        List<String[]> columns = jdbc.query("""
                SELECT format('%L', coalesce(m.t, a.attname)), format('s.%I', a.attname)
                  FROM pg_attribute a LEFT JOIN unnest(?::text[], ?::text[]) AS m(t, s) ON m.s = a.attname
                 WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attname NOT IN ('ogc_fid', 'geom')
                   AND (m.t IS NOT NULL OR a.attname <> ALL (?::text[]))
                 ORDER BY a.attnum, m.t""", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, targets,
                sources, scratch, targets);
        if (columns.isEmpty()) {
            return "'{}'::jsonb";
        }
        // jsonb_build_object and num_nulls take at most 100 arguments each: 40 columns a call
        List<String> objects = new ArrayList<>();
        List<String> nulls = new ArrayList<>();
        for (int i = 0; i < columns.size(); i += 40) {
            List<String[]> part = columns.subList(i, Math.min(columns.size(), i + 40));
            objects.add("jsonb_build_object(" + String.join(", ", part.stream().map(c -> c[0] + ", " + c[1]).toList())
                    + ")");
            nulls.add("num_nulls(" + String.join(", ", part.stream().map(c -> c[1]).toList()) + ")");
        }
        String object = String.join(" || ", objects);
        return "CASE WHEN " + String.join(" + ", nulls) + " = 0 THEN " + object + " ELSE jsonb_strip_nulls(" + object
                + ") END";
    }

    /**
     * GCJ-02/BD-09 data: read the rows (idx, properties text, WKB, reason) on a second connection and convert
     * each vertex in Java; a row with a reason is staged as rejected.
     */
    private void stageFromWebMap(StagedFeatures staged, ChinaCoordinates.System web, String select) {
        WKBReader wkb = new WKBReader(org.greenplan.geo.GeoJson.WGS84);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long idx = rs.getLong(1);
                        String reason = rs.getString(4);
                        if (reason != null) {
                            staged.addRejected(idx, Long.toString(idx), reason);
                            continue;
                        }
                        Geometry g = wkb.read(rs.getBytes(3));
                        ChinaCoordinates.apply(g, web, true);
                        g.setSRID(4326);
                        staged.add(idx, Long.toString(idx), rs.getString(2), g);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException("cannot read the staged features: " + e.getMessage(), e);
        }
    }

    /**
     * A kind's coded attribute (facility categories: labels, OSM tags and AMap types; construction land's
     * land_use: 三调 / GB/T 21010 codes) → category ids: every distinct value is looked up once, the analyst's
     * value map (from the wizard) over the kind's table, and the source value is kept beside it as
     * {@code <attribute>_label}; unknown values are kept and reported.
     */
    private void mapCategories(JdbcTemplate tx, CategoryTable table, Map<String, String> valueMap,
            List<ImportWarning> warnings) {
        String attribute = table.attribute();
        List<String> labels = new ArrayList<>(), ids = new ArrayList<>(), unknown = new ArrayList<>();
        for (String value : tx.queryForList("SELECT DISTINCT trim(properties ->> ?) FROM staging_feature"
                + " WHERE properties ->> ? IS NOT NULL ORDER BY 1", String.class, attribute, attribute)) {
            String id = valueMap.containsKey(value) ? valueMap.get(value).trim() : table.categoryOf(value).orElse(null);
            if (id == null) {
                unknown.add(value);
            } else if (!id.equals(value)) {
                labels.add(value);
                ids.add(id);
            }
        }
        tx.update("""
                WITH m(label, id) AS (SELECT * FROM unnest(?::text[], ?::text[]))
                UPDATE staging_feature s
                   SET properties = s.properties || jsonb_build_object(?::text, m.id, ?::text, s.properties ->> ?)
                  FROM m
                 WHERE trim(s.properties ->> ?) = m.label
                """, labels.toArray(String[]::new), ids.toArray(String[]::new), attribute, attribute + "_label",
                attribute, attribute);
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.subList(0, Math.min(5, unknown.size()));
            String what = attribute.equals("category") ? "facility categories" : attribute + " values";
            warnings.add(ImportWarning.of("categories.unrecognised", what + " not recognised (kept as given): "
                    + shown + "; map them in the wizard (valueMap) or extend kind/"
                    + (attribute.equals("category") ? "facility" : "land-use") + "-categories.csv",
                    "values", String.join("、", shown)));
        }
    }
}
