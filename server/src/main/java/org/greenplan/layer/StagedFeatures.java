package org.greenplan.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.greenplan.kind.GeometryFamily;
import org.locationtech.jts.geom.Envelope;
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
                    idx bigint, source_id text, properties jsonb, geom geometry, reason text
                ) ON COMMIT DROP""");
        jdbc.execute("TRUNCATE staging_feature");
        this.connection = connection;
    }

    private CopyIn copy() {
        if (copy == null) {
            try {
                copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY staging_feature (idx, source_id, properties, geom, reason) FROM STDIN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the staging COPY", e);
            }
        }
        return copy;
    }

    /**
     * Stages features with SQL instead of COPY: {@code select} must yield (idx, source_id, properties jsonb,
     * geom in EPSG:4326, reason), {@code reason} being why the row cannot be kept (null for a usable one), e.g.
     * from a scratch table that ogr2ogr loaded. Cannot be mixed with {@link #add}. Returns the number of rows
     * staged. Use it when the rows must be changed before the promotion (see {@link #promoteFrom} otherwise).
     */
    public long insertSelect(String select, Object... args) {
        if (copy != null) {
            throw new IllegalStateException("features were already staged by COPY");
        }
        long n = jdbc.update("INSERT INTO staging_feature (idx, source_id, properties, geom, reason) " + select, args);
        staged += n;
        return n;
    }

    /**
     * Promotes the rows of {@code select} (idx, source_id, properties jsonb, geom in EPSG:4326, reason as for
     * {@link #insertSelect}) without staging them: a million-feature import would otherwise write every row
     * twice. Every idx must lie in [0, {@code indexBound}). The select holds no parameters; it is read once,
     * possibly by parallel workers, so it must not read temporary tables to gain from them.
     */
    public void promoteFrom(String select, long indexBound) {
        if (copy != null || staged > 0) {
            throw new IllegalStateException("features were already staged");
        }
        this.source = "(" + select + ")";
        this.indexBound = indexBound;
    }

    /** Where the promotion reads: the staging table, or the select given to {@link #promoteFrom}. */
    private String source = "(SELECT idx, source_id, properties, geom, reason FROM staging_feature)";
    /** One more than the largest idx of {@link #source}, when {@link #promoteFrom} says so; -1: ask the table. */
    private long indexBound = -1;

    /** Runs SQL on the staged features (e.g. to map attribute values) in the same transaction. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Adds one feature; geometry in EPSG:4326 with its SRID set, properties as a JSON object text. */
    public void add(long index, String sourceId, String propertiesJson, Geometry geometry) {
        copyLine(index, sourceId, propertiesJson, WKBWriter.toHex(wkb.write(geometry)), null);
    }

    /** Adds a feature that cannot be kept, and why: it is counted and listed among the rejected ones. */
    public void addRejected(long index, String sourceId, String reason) {
        copyLine(index, sourceId, null, null, reason);
    }

    private void copyLine(long index, String sourceId, String propertiesJson, String hexWkb, String reason) {
        StringBuilder line = new StringBuilder(256);
        line.append(index).append('\t');
        escape(sourceId, line).append('\t');
        escape(propertiesJson, line).append('\t');
        escape(hexWkb, line).append('\t');
        escape(reason, line).append('\n');
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
     * Each feature's id is its idx, not a reserved block's start plus idx: a restored workspace archive keeps the
     * ids its features had on the server it came from (links and bookmarks to items stay valid). The caller
     * checks under {@link #lockFeatureIds} that no feature holds one of them; the promotion then moves the id
     * sequence past the largest, so no later block can hand them out again.
     */
    private boolean keepIds;

    public void keepIds() {
        this.keepIds = true;
    }

    /**
     * Holds the lock {@code reserve_feature_ids} takes (Flyway V22) until the transaction ends: while it is held
     * no block of ids is reserved, so a check that ids are free stays true until they are committed.
     */
    public static void lockFeatureIds(JdbcTemplate jdbc) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('reserve_feature_ids'))");
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

    /**
     * Result of moving the staged features into a version: {@code extent} of the loaded features (null
     * envelope when none), {@code geometryType} theirs when they all share one (GeometryType's name), else null.
     */
    public record Promotion(long loaded, long repaired, List<FeatureProblem> repairs,
            List<FeatureProblem> rejected, long rejectedCount, Envelope extent, String geometryType) {
    }

    private record Counts(long rejected, long repaired, long emptied, Envelope extent, String geometryType) {
    }

    /**
     * Ends the COPY and builds the version's table from the staged features in one statement: invalid
     * geometries are repaired and counted, rows with a reason are rejected and listed, and so are those whose
     * repair leaves nothing of the kind's geometry (which fail the whole import unless
     * {@link #rejectUnrepairable}). Each feature's id is a reserved block's start plus its idx (Flyway V22), or
     * the idx itself ({@link #keepIds}).
     */
    Promotion promoteInto(long versionId, GeometryFamily family) {
        finishCopy();
        long bound = indexBound >= 0 ? indexBound
                : jdbc.queryForObject("SELECT coalesce(max(idx) + 1, 0) FROM staging_feature", Long.class);
        if (bound == 0) {
            return new Promotion(0, 0, List.of(), List.of(), 0, new Envelope(), null);
        }
        long firstId = 0;
        if (keepIds) {
            jdbc.queryForList("SELECT keep_feature_ids(?)", bound - 1); // Flyway V40
        } else {
            firstId = jdbc.queryForObject("SELECT reserve_feature_ids(?)", Long.class, bound);
        }
        String checked = "CASE WHEN c.reason IS NULL AND NOT ST_IsValid(s.geom) THEN s.geom END";
        String repair = family == GeometryFamily.ANY ? "ST_MakeValid(" + checked + ")"
                : "ST_CollectionExtract(ST_MakeValid(" + checked + "), " + family.collectionExtractType() + ")";
        String geom = family == GeometryFamily.ANY ? "coalesce(r.geom, s.geom)" : "ST_Multi(coalesce(r.geom, s.geom))";
        String table = FeaturePartitions.table(versionId);
        // CREATE TABLE AS, unlike INSERT … SELECT, runs its query in parallel workers: reprojecting, checking,
        // repairing and building the attributes of a million rows is most of an import's work (connections
        // start without parallel workers, application.yml; this transaction asks for them).
        // The planner copies a subquery's expression to every place that uses it, so what is used more than
        // once is computed by a function in FROM, once per row: the reason a row is rejected (unnest of a
        // one-element array; ~1.2 µs a row for a file import's checks), and the repair (after the validity
        // check). The helper columns say why a row cannot be kept; attaching the table drops them.
        jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 2");
        long read = jdbc.update("""
                CREATE TABLE %s AS
                SELECT (%d + s.idx)::bigint AS id, %d::bigint AS version_id, s.source_id::text AS source_id,
                       s.properties::jsonb AS properties,
                       CASE WHEN c.reason IS NULL THEN %s END::geometry(Geometry, 4326) AS geom,
                       c.reason AS rejected,
                       CASE WHEN r.geom IS NOT NULL THEN ST_IsValidReason(s.geom) END AS invalid,
                       ST_IsEmpty(r.geom) AS emptied
                  FROM %s AS s (idx, source_id, properties, geom, reason)
                 CROSS JOIN LATERAL unnest(ARRAY[s.reason::text]) AS c (reason)
                 CROSS JOIN LATERAL %s AS r (geom)
                """.formatted(table, firstId, versionId, geom, source, repair));
        // the version's extent and geometry type in the same scan as the counts, not in another one at publishing
        Counts counts = jdbc.queryForObject("""
                SELECT rejected, repaired, emptied, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e),
                       CASE WHEN t0 = t1 THEN t0 END
                  FROM (SELECT count(rejected) AS rejected, count(*) FILTER (WHERE NOT emptied) AS repaired,
                               count(*) FILTER (WHERE emptied) AS emptied, ST_Extent(geom) FILTER (WHERE kept) AS e,
                               min(GeometryType(geom)) FILTER (WHERE kept) AS t0,
                               max(GeometryType(geom)) FILTER (WHERE kept) AS t1
                          FROM (SELECT *, rejected IS NULL AND emptied IS NOT TRUE AS kept FROM %s) f) s
                """.formatted(table), (rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4) == null ? new Envelope()
                                : new Envelope(rs.getDouble(4), rs.getDouble(6), rs.getDouble(5), rs.getDouble(7)),
                        rs.getString(8)));
        long rejectedCount = counts.rejected() + counts.emptied();
        List<FeatureProblem> repairs = counts.repaired() == 0 ? List.of() : problems(table, firstId, "NOT emptied",
                "'repaired: ' || invalid");
        List<FeatureProblem> rejected = rejectedCount == 0 ? List.of() : problems(table, firstId,
                "rejected IS NOT NULL OR emptied",
                "coalesce(rejected, 'invalid geometry with nothing left after repair: ' || invalid)");
        if (counts.emptied() > 0 && !rejectUnrepairable) {
            throw new InvalidLayerDataException("features", counts.emptied()
                    + " feature(s) have invalid geometry that repairs to no " + family.label(), rejected);
        }
        if (rejectedCount > 0) {
            jdbc.update("DELETE FROM " + table + " WHERE rejected IS NOT NULL OR emptied");
        }
        FeaturePartitions.attach(jdbc, versionId);
        jdbc.execute("TRUNCATE staging_feature");
        return new Promotion(read - rejectedCount, counts.repaired(), repairs, rejected, rejectedCount,
                counts.extent(), counts.geometryType());
    }

    /** The first {@link #MAX_LISTED_PROBLEMS} features of the new table matching {@code where}, in file order. */
    private List<FeatureProblem> problems(String table, long firstId, String where, String reason) {
        return new ArrayList<>(jdbc.query("SELECT id - ?, " + reason + " FROM " + table + " WHERE " + where
                + " ORDER BY id LIMIT " + MAX_LISTED_PROBLEMS, (rs, i) -> new FeatureProblem(rs.getLong(1),
                        rs.getString(2)), firstId));
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
