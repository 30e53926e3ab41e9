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
import org.greenplan.layer.FeatureProblem;
import org.greenplan.layer.GeometryFamily;
import org.greenplan.layer.LayerKind;
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
 * staging schema (Z/M dropped, promoted to multi-part), which is reprojected to EPSG:4326 by PostGIS when
 * the CRS is a known EPSG code and by ogr2ogr otherwise, then one
 * {@link LayerPublisher} transaction stages the usable features with SQL (attributes to jsonb with the
 * field map applied, facility categories mapped), repairs, promotes and publishes the version. Unusable
 * features (no or empty geometry, coordinates not finite or off the globe, a type the kind does not take)
 * are rejected and listed. The scratch table is dropped whatever happens.
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

    /** Why a staged row is rejected, as SQL over the scratch table (no user input in it). */
    private static String rejectReason(GeometryFamily family) {
        String types = switch (family) {
            case POLYGON -> "'ST_Polygon','ST_MultiPolygon'";
            case LINE -> "'ST_LineString','ST_MultiLineString'";
            case POINT -> "'ST_Point','ST_MultiPoint'";
            case ANY -> null;
        };
        return """
                CASE WHEN geom IS NULL THEN 'the feature has no geometry'
                     WHEN ST_IsEmpty(geom) THEN 'the geometry is empty'
                     WHEN NOT (ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -90
                               AND ST_YMax(geom) <= 90)
                          THEN 'coordinates are not finite or fall off the globe after reprojection (NaN, Infinity or a wrong CRS)'
                """ + (types == null ? "" : "     WHEN ST_GeometryType(geom) NOT IN (" + types + ")"
                + " THEN 'a ' || GeometryType(geom) || ' cannot go into a " + family.label() + " layer'\n")
                + " END";
    }

    public Map<String, Object> run(UUID job, ImportPlan plan, String createdBy, BiConsumer<Integer, String> progress) {
        String table = scratchTable(job);
        String qualified = "staging." + table;
        try {
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL", gdal.pgDatasource(),
                    plan.source().path().toString(), plan.source().layer(), "-nln", qualified, "-overwrite",
                    "--config", "PG_USE_COPY", "YES", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid",
                    "-lco", "SPATIAL_INDEX=NONE", "-lco", "LAUNDER=NO", "-lco", "PRECISION=NO",
                    "-lco", "UNLOGGED=ON", "-nlt", "PROMOTE_TO_MULTI", "-progress"));
            int reprojectFrom = reprojectableInDatabase(plan);
            cmd.addAll(plan.readOptions(reprojectFrom));
            progress.accept(10, "reading the file (ogr2ogr)");
            GdalRunner.Result r = gdal.run(cmd, settings.gdalTimeout(),
                    p -> progress.accept(10 + p * 6 / 10, "reading the file (ogr2ogr)"), sessionName(job));
            if (r.exitCode() != 0) {
                throw new RejectedUploadException("file", "GDAL could not read the file: "
                        + GdalRunner.errorLines(r.output()));
            }
            if (reprojectFrom != 0) {
                progress.accept(70, "reprojecting to WGS84 (PostGIS)");
                reprojectToWgs84(qualified);
            }
            progress.accept(72, "staging");
            return publish(job, plan, qualified, createdBy, progress);
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

    /** Rewrites the scratch table's geometries in EPSG:4326 (a table without geometry is left as it is). */
    private void reprojectToWgs84(String scratch) {
        boolean hasGeometry = Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT exists(SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'geom'
                                                           AND NOT attisdropped)""", Boolean.class, scratch));
        if (!hasGeometry) {
            return;
        }
        String alter = "ALTER TABLE " + scratch + " ALTER COLUMN geom TYPE geometry USING ";
        try {
            jdbc.execute(alter + "ST_Transform(geom, 4326)");
        } catch (DataAccessException e) {
            // one point outside the projection's domain fails the statement, which changed nothing: redo it
            // row by row, the failures becoming NaN points that the checks reject and list
            jdbc.execute(alter + "staging.to_wgs84_or_nan(geom)");
        }
    }

    /** The application_name of a job's ogr2ogr sessions. */
    static String sessionName(UUID job) {
        return "greenplan-import-" + job;
    }

    private Map<String, Object> publish(UUID job, ImportPlan plan, String scratch, String createdBy,
            BiConsumer<Integer, String> progress) {
        LayerKind kind = plan.kind();
        String reason = rejectReason(kind.geometry());
        String[] targets = plan.fieldMap().keySet().toArray(String[]::new);
        String[] sources = plan.fieldMap().values().toArray(String[]::new);
        // attributes as jsonb (nulls dropped) from the attribute columns listed by name, the mapped ones renamed
        // to the kind's attribute names and a column already bearing such a name giving way to the mapped one.
        // PostgreSQL quotes the names, which come from the file. Per column, not per row: to_jsonb of the
        // whole row would turn every geometry into GeoJSON only to drop it (1,000× slower), and renaming
        // keys row by row in jsonb costs more than the load itself.
        String columns = jdbc.queryForObject("""
                SELECT string_agg(format('s.%I AS %I', a.attname, coalesce(m.t, a.attname)), ', '
                                  ORDER BY a.attnum, m.t)
                  FROM pg_attribute a LEFT JOIN unnest(?::text[], ?::text[]) AS m(t, s) ON m.s = a.attname
                 WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attname NOT IN ('ogc_fid', 'geom')
                   AND (m.t IS NOT NULL OR a.attname <> ALL (?::text[]))""", String.class, targets, sources,
                scratch, targets);
        String rows = "SELECT ogc_fid, geom, " + (columns == null ? "'{}'::jsonb" : "jsonb_strip_nulls(to_jsonb(a))")
                + " AS p, " + reason + " AS reason FROM " + scratch + " s"
                + (columns == null ? "" : " CROSS JOIN LATERAL (SELECT " + columns + ") a");
        long[] read = new long[1];
        long[] rejectedCount = new long[1];
        List<FeatureProblem> rejected = new ArrayList<>();
        List<String> warnings = new ArrayList<>(plan.warnings());
        Target target = target(plan, createdBy);
        Published published = publisher.publish(target, staged -> {
            staged.rejectUnrepairable();
            JdbcTemplate tx = staged.jdbc();
            // the reasons need no attributes: checked on the geometries alone, one pass to count, one to list
            String reasons = "SELECT ogc_fid, " + reason + " AS reason FROM " + scratch;
            long[] counts = tx.queryForObject("SELECT count(*), count(reason) FROM (" + reasons + ") r",
                    (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
            read[0] = counts[0];
            rejectedCount[0] = counts[1];
            if (counts[1] > 0) {
                rejected.addAll(tx.query("SELECT ogc_fid - 1 AS idx, reason FROM (" + reasons + ") r"
                        + " WHERE reason IS NOT NULL ORDER BY ogc_fid LIMIT " + StagedFeatures.MAX_LISTED_PROBLEMS,
                        (rs, i) -> new FeatureProblem(rs.getLong(1), rs.getString(2))));
            }
            boolean mapsCategories = kind == LayerKind.FACILITY && plan.fieldMap().containsKey("category");
            String usable = "SELECT ogc_fid - 1, (ogc_fid - 1)::text, p, geom FROM (" + rows + ") r WHERE reason IS NULL";
            if (plan.crs().web() == ChinaCoordinates.System.WGS84 && !mapsCategories) {
                staged.promoteFrom(usable);
            } else if (plan.crs().web() == ChinaCoordinates.System.WGS84) {
                staged.insertSelect(usable);
            } else {
                stageFromWebMap(staged, plan.crs().web(), "SELECT ogc_fid - 1, p::text, ST_AsBinary(geom) FROM ("
                        + rows + ") r WHERE reason IS NULL ORDER BY ogc_fid");
                staged.finishCopy();
            }
            if (mapsCategories) {
                mapCategories(tx, warnings);
            }
            // the repair, the copy into the layer and the commit follow
            progress.accept(85, "repairing geometries and publishing the version");
        });
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("layer", Map.of("id", published.layer().id(), "name", published.layer().name(),
                "kind", published.layer().kind().id()));
        report.put("version", published.version().version());
        report.put("source", Map.of("file", plan.fileName(), "format", plan.source().format(),
                "layer", plan.source().layer()));
        report.put("featuresRead", read[0]);
        report.put("featuresLoaded", published.version().featureCount());
        report.put("featuresRepaired", published.version().repaired());
        report.put("featuresRejected", rejectedCount[0] + published.rejectedCount());
        report.put("repairs", published.repairs().stream().map(FileImport::problem).toList());
        List<FeatureProblem> allRejected = new ArrayList<>(rejected);
        published.rejected().forEach(p -> allRejected.add(new FeatureProblem(p.index(), p.reason())));
        report.put("rejections", allRejected.stream().limit(StagedFeatures.MAX_LISTED_PROBLEMS)
                .map(FileImport::problem).toList());
        report.put("crs", crs(plan));
        report.put("encoding", encoding(plan));
        report.put("fieldMap", plan.fieldMap());
        var extent = published.version().extent();
        if (!extent.isNull() && (ChinaCoordinates.outOfChina(extent.getMinX(), extent.getMinY())
                || ChinaCoordinates.outOfChina(extent.getMaxX(), extent.getMaxY()))) {
            warnings.add("coordinates fall outside China (extent " + round(extent.getMinX()) + ", "
                    + round(extent.getMinY()) + " – " + round(extent.getMaxX()) + ", " + round(extent.getMaxY())
                    + "): check the CRS");
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
            return new Target(plan.existingLayerId(), null, null, false, "import:" + plan.source().format(),
                    createdBy);
        }
        String id = plan.newLayerId() != null ? plan.newLayerId() : layers.nextFreeId(plan.kind());
        return new Target(id, plan.layerName(), plan.kind(), true, "import:" + plan.source().format(), createdBy);
    }


    /** GCJ-02/BD-09 data: read the scratch rows on a second connection and convert each vertex in Java. */
    private void stageFromWebMap(StagedFeatures staged, ChinaCoordinates.System web, String select, Object... args) {
        WKBReader wkb = new WKBReader(org.greenplan.geo.GeoJson.WGS84);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setFetchSize(5000);
                for (int i = 0; i < args.length; i++) {
                    ps.setArray(i + 1, c.createArrayOf("text", (Object[]) args[i]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Geometry g = wkb.read(rs.getBytes(3));
                        ChinaCoordinates.apply(g, web, true);
                        g.setSRID(4326);
                        staged.add(rs.getLong(1), Long.toString(rs.getLong(1)), rs.getString(2), g);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException("cannot read the staged features: " + e.getMessage(), e);
        }
    }

    /** Facility categories: labels and AMap types → category ids; unknown labels are kept and reported. */
    private void mapCategories(JdbcTemplate tx, List<String> warnings) {
        String[][] table = fields.categoryTable();
        tx.update("""
                WITH m(label, id) AS (SELECT * FROM unnest(?::text[], ?::text[]))
                UPDATE staging_feature s
                   SET properties = s.properties || jsonb_build_object('category', c.id,
                                                                       'category_label', s.properties ->> 'category')
                  FROM (SELECT f.idx, coalesce(
                               (SELECT id FROM m WHERE label = trim(f.properties ->> 'category')),
                               (SELECT id FROM m WHERE label = trim(split_part(f.properties ->> 'category', ';', -1))),
                               (SELECT id FROM m WHERE label = trim(split_part(f.properties ->> 'category', ';', 2))))
                               AS id
                          FROM staging_feature f WHERE f.properties ->> 'category' IS NOT NULL) c
                 WHERE s.idx = c.idx AND c.id IS NOT NULL AND c.id IS DISTINCT FROM s.properties ->> 'category'
                """, table[0], table[1]);
        List<String> unknown = tx.queryForList("""
                SELECT DISTINCT properties ->> 'category' FROM staging_feature
                 WHERE properties ->> 'category' IS NOT NULL AND properties -> 'category_label' IS NULL
                   AND NOT (properties ->> 'category' = ANY (?::text[]))
                 LIMIT 5""", String.class,
                (Object) table[1]);
        if (!unknown.isEmpty()) {
            warnings.add("facility categories not recognised (kept as given): " + unknown
                    + "; see ingest/facility-categories.csv");
        }
    }
}
