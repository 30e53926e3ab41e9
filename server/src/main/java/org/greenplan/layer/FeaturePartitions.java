package org.greenplan.layer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The features of each layer version live in a table of their own, {@code features.v<version id>}, a
 * partition of {@code feature} (Flyway V20 explains why). A version's table is built without indexes by one
 * CREATE TABLE AS ({@link StagedFeatures}), then attached: attaching builds the indexes declared on {@code feature} once,
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

    /**
     * Makes the filled table of a version its partition, in the caller's transaction. The runtime role built the
     * table; attaching it needs the owner of {@code feature}, so the owner's function attach_feature_version
     * (Flyway V23) takes the table over, drops the columns {@code feature} does not have (the build's helpers),
     * gives it feature's NOT NULL constraints and a CHECK on the version id, proved in one scan, which spares
     * ATTACH the scan that would prove the rows belong, attaches it (building the indexes declared on
     * {@code feature}, each once and sorted) and analyses it, so that the planner chooses index scans on the
     * table right away instead of waiting for autovacuum.
     */
    static void attach(JdbcTemplate jdbc, long versionId) {
        jdbc.queryForList("SELECT attach_feature_version(?)", versionId);
    }
}
