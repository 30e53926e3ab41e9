package org.greenplan.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staging half of every import (DESIGN.md §1): features are streamed into a temporary table with
 * PostgreSQL COPY, then validated, repaired (ST_MakeValid), promoted to multi-part and copied into the
 * version's own feature table ({@link FeaturePartitions}) by SQL, all inside the caller's transaction.
 * Use one instance per version.
 */
public final class StagedFeatures {

    private static final int FLUSH_BYTES = 1 << 16;
    /** How many problems a report lists; the count is always exact. */
    public static final int MAX_LISTED_PROBLEMS = 100;

    private final JdbcTemplate jdbc;
    private final Connection connection;
    /** Opened on the first {@link #add}, so SQL-staged imports ({@link #insertSelect}) never hold a COPY. */
    private CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private long staged;

    StagedFeatures(JdbcTemplate jdbc, Connection connection) throws SQLException {
        this.jdbc = jdbc;
        jdbc.execute("""
                CREATE TEMP TABLE IF NOT EXISTS staging_feature (
                    idx bigint, source_id text, properties jsonb, geom geometry
                ) ON COMMIT DROP""");
        jdbc.execute("TRUNCATE staging_feature");
        this.connection = connection;
    }

    private CopyIn copy() {
        if (copy == null) {
            try {
                copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY staging_feature (idx, source_id, properties, geom) FROM STDIN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the staging COPY", e);
            }
        }
        return copy;
    }

    /**
     * Stages features with SQL instead of COPY: {@code select} must yield (idx, source_id, properties jsonb,
     * geom in EPSG:4326), e.g. from a scratch table that ogr2ogr loaded. Cannot be mixed with {@link #add}.
     * Returns the number of rows staged. Use it when the rows must be changed before the promotion (see
     * {@link #promoteFrom} otherwise).
     */
    public long insertSelect(String select, Object... args) {
        if (copy != null) {
            throw new IllegalStateException("features were already staged by COPY");
        }
        long n = jdbc.update("INSERT INTO staging_feature (idx, source_id, properties, geom) " + select, args);
        staged += n;
        return n;
    }

    /**
     * Promotes the rows of {@code select} (idx, source_id, properties jsonb, geom in EPSG:4326) without staging
     * them: a million-feature import would otherwise write every row twice. The query runs twice (the
     * validity check, then the copy into the version) and must give the same rows both times.
     */
    public void promoteFrom(String select) {
        if (copy != null || staged > 0) {
            throw new IllegalStateException("features were already staged");
        }
        this.source = "(" + select + ")";
    }

    /** Where the promotion reads: the staging table, or the select given to {@link #promoteFrom}. */
    private String source = "(SELECT idx, source_id, properties, geom FROM staging_feature)";

    /** Runs a query against the staged features (e.g. to list those to reject) in the same transaction. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Adds one feature; geometry in EPSG:4326 with its SRID set, properties as a JSON object text. */
    public void add(long index, String sourceId, String propertiesJson, Geometry geometry) {
        StringBuilder line = new StringBuilder(256);
        line.append(index).append('\t');
        escape(sourceId, line).append('\t');
        escape(propertiesJson, line).append('\t');
        line.append(WKBWriter.toHex(wkb.write(geometry))).append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        staged++;
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    /**
     * Takes the features that cannot be kept out of staging instead of failing the import: geometries
     * that repair to nothing of the family. Used by file imports, which report rejected features and load
     * the rest; {@link #promoteInto} without it keeps the all-or-nothing rule.
     */
    private boolean rejectUnrepairable;

    public void rejectUnrepairable() {
        this.rejectUnrepairable = true;
    }

    /**
     * Ends the COPY of the features added so far, so that SQL can run on staging_feature (e.g. to map
     * attribute values) before the promotion. Called by the promotion itself.
     */
    public void finishCopy() {
        flush();
        if (copy != null && copy.isActive()) {
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into staging failed: " + e.getMessage(), e);
            }
        }
    }

    public long staged() {
        return staged;
    }

    /** Result of moving the staged features into a version. */
    public record Promotion(long loaded, long repaired, List<FeatureProblem> repairs,
            List<FeatureProblem> rejected, long rejectedCount) {
    }

    /**
     * Ends the COPY and moves the staged features into the version: invalid geometries are repaired and
     * counted, those that repair to nothing of the kind's geometry are rejected (the whole import fails,
     * unless {@link #rejectUnrepairable}). The repairs are kept aside, keyed by idx, and replace the originals
     * on the way into the version's table, so the features are read twice and written once.
     */
    Promotion promoteInto(long versionId, GeometryFamily family) {
        finishCopy();
        String repair = family == GeometryFamily.ANY ? "ST_MakeValid(geom)"
                : "ST_CollectionExtract(ST_MakeValid(geom), " + family.collectionExtractType() + ")";
        String rows = source + " AS s (idx, source_id, properties, geom)";
        // CREATE TABLE AS, unlike INSERT, may scan in parallel: the validity check is the costliest read here
        // (connections start without parallel workers, application.yml; this transaction asks for them)
        jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 2");
        jdbc.execute("DROP TABLE IF EXISTS staging_repair");
        jdbc.execute("""
                CREATE TEMP TABLE staging_repair ON COMMIT DROP AS
                SELECT idx, reason, fixed AS geom, ST_IsEmpty(fixed) AS emptied
                  FROM (SELECT idx, ST_IsValidReason(geom) AS reason, %s AS fixed FROM %s WHERE NOT ST_IsValid(geom)) r
                """.formatted(repair, rows));
        long[] counts = jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE NOT emptied), count(*) FILTER (WHERE emptied) FROM staging_repair""",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        List<FeatureProblem> repairs = problems(false, "repaired: ");
        List<FeatureProblem> rejected = counts[1] > 0 ? problems(true, "invalid geometry with nothing left after repair: ")
                : List.of();
        if (counts[1] > 0 && !rejectUnrepairable) {
            throw new InvalidLayerDataException("features", counts[1]
                    + " feature(s) have invalid geometry that repairs to no " + family.label(), rejected);
        }
        String geom = family == GeometryFamily.ANY ? "coalesce(r.geom, s.geom)" : "ST_Multi(coalesce(r.geom, s.geom))";
        FeaturePartitions.create(jdbc, versionId);
        long loaded = jdbc.update("""
                INSERT INTO %s (version_id, source_id, properties, geom)
                SELECT ?, s.source_id, s.properties, %s
                  FROM %s LEFT JOIN staging_repair r ON r.idx = s.idx
                 WHERE r.emptied IS NOT TRUE
                 ORDER BY s.idx
                """.formatted(FeaturePartitions.table(versionId), geom, rows), versionId);
        FeaturePartitions.attach(jdbc, versionId);
        jdbc.execute("TRUNCATE staging_feature");
        return new Promotion(loaded, counts[0], repairs, rejected, counts[1]);
    }

    /** The first {@link #MAX_LISTED_PROBLEMS} repaired (or emptied) features, in file order. */
    private List<FeatureProblem> problems(boolean emptied, String prefix) {
        return new ArrayList<>(jdbc.query("SELECT idx, reason FROM staging_repair WHERE emptied = ? ORDER BY idx LIMIT "
                + MAX_LISTED_PROBLEMS, (rs, i) -> new FeatureProblem(rs.getLong(1), prefix + rs.getString(2)), emptied));
    }

    /** Abandons the COPY so the connection can roll back cleanly. */
    void abort() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    private void flush() {
        if (buffer.size() == 0) {
            return;
        }
        try {
            copy().writeToCopy(buffer.toByteArray(), 0, buffer.size());
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into staging failed: " + e.getMessage(), e);
        }
        buffer.reset();
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
    private static StringBuilder escape(String s, StringBuilder out) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
