package org.greenplan.layer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The features of each layer version live in a table of their own, {@code features.v<version id>}, a
 * partition of {@code feature} (Flyway V20 explains why). A version's table is created empty and without
 * indexes, filled in bulk, then attached: attaching builds the indexes declared on {@code feature} once,
 * sorted, instead of row by row. All of it runs in the publishing transaction, so a failed import leaves
 * no table behind. Version ids come from the database's own sequence, never from a request.
 */
final class FeaturePartitions {

    /** The schema of the version tables (Flyway V20). */
    static final String SCHEMA = "features";

    private FeaturePartitions() {
    }

    static String table(long versionId) {
        return SCHEMA + ".v" + versionId;
    }

    /** An empty table shaped like {@code feature}, accepting only this version's rows. */
    static void create(JdbcTemplate jdbc, long versionId) {
        jdbc.execute("CREATE TABLE " + table(versionId) + " (LIKE feature INCLUDING DEFAULTS, CHECK (version_id = "
                + versionId + "))");
    }

    /**
     * Makes the filled table the version's partition. The CHECK above spares PostgreSQL the scan that would
     * prove the rows belong; the statistics let the planner choose index scans on it right away instead of
     * waiting for autovacuum.
     */
    static void attach(JdbcTemplate jdbc, long versionId) {
        jdbc.execute("ALTER TABLE feature ATTACH PARTITION " + table(versionId) + " FOR VALUES IN (" + versionId + ")");
        jdbc.execute("ANALYZE " + table(versionId));
    }
}
