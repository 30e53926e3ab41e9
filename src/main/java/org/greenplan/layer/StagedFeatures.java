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
     * Returns the number of rows staged.
     */
    public long insertSelect(String select, Object... args) {
        if (copy != null) {
            throw new IllegalStateException("features were already staged by COPY");
        }
        long n = jdbc.update("INSERT INTO staging_feature (idx, source_id, properties, geom) " + select, args);
        staged += n;
        return n;
    }

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
            List<FeatureProblem> rejected) {
    }

    /**
     * Ends the COPY and moves the staged features into the version: invalid geometries are repaired and
     * counted, those that repair to nothing of the kind's geometry are rejected (the whole import fails).
     */
    Promotion promoteInto(long versionId, GeometryFamily family) {
        finishCopy();
        String repair = family == GeometryFamily.ANY ? "ST_MakeValid(geom)"
                : "ST_CollectionExtract(ST_MakeValid(geom), " + family.collectionExtractType() + ")";
        List<FeatureProblem> repairs = jdbc.query("""
                WITH invalid AS (
                    SELECT idx, ST_IsValidReason(geom) AS reason FROM staging_feature WHERE NOT ST_IsValid(geom)
                ), fixed AS (
                    UPDATE staging_feature s SET geom = %s
                      FROM invalid i WHERE s.idx = i.idx
                    RETURNING s.idx, ST_IsEmpty(s.geom) AS emptied
                )
                SELECT i.idx, i.reason, f.emptied FROM invalid i JOIN fixed f USING (idx) ORDER BY i.idx
                """.formatted(repair), (rs, i) -> new FeatureProblem(rs.getLong("idx"),
                (rs.getBoolean("emptied") ? "invalid geometry with nothing left after repair: "
                        : "repaired: ") + rs.getString("reason")));
        List<FeatureProblem> emptied = repairs.stream().filter(p -> p.reason().startsWith("invalid")).toList();
        List<FeatureProblem> rejected = List.of();
        if (!emptied.isEmpty() && rejectUnrepairable) {
            jdbc.update("DELETE FROM staging_feature WHERE ST_IsEmpty(geom)");
            rejected = emptied;
            repairs = repairs.stream().filter(p -> !p.reason().startsWith("invalid")).toList();
        } else if (!emptied.isEmpty()) {
            throw new InvalidLayerDataException("features", emptied.size()
                    + " feature(s) have invalid geometry that repairs to no " + family.label(),
                    emptied.subList(0, Math.min(emptied.size(), MAX_LISTED_PROBLEMS)));
        }
        String geom = family == GeometryFamily.ANY ? "geom" : "ST_Multi(geom)";
        FeaturePartitions.create(jdbc, versionId);
        long loaded = jdbc.update("""
                INSERT INTO %s (version_id, source_id, properties, geom)
                SELECT ?, source_id, properties, %s FROM staging_feature ORDER BY idx
                """.formatted(FeaturePartitions.table(versionId), geom), versionId);
        FeaturePartitions.attach(jdbc, versionId);
        jdbc.execute("TRUNCATE staging_feature");
        return new Promotion(loaded, repairs.size(),
                new ArrayList<>(repairs.subList(0, Math.min(repairs.size(), MAX_LISTED_PROBLEMS))), rejected);
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
