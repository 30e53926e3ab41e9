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
     * Makes a filled table the version's partition. Its {@code helperColumns} go (dropping a column rewrites
     * nothing), the columns get {@code feature}'s NOT NULL constraints and a CHECK on the version id, proved
     * in one scan, which spares ATTACH the scan that would prove the rows belong. Attaching builds the indexes
     * declared on {@code feature}, each once and sorted. The statistics let the planner choose index scans on
     * the table right away instead of waiting for autovacuum.
     */
    static void attach(JdbcTemplate jdbc, long versionId, String... helperColumns) {
        StringBuilder alter = new StringBuilder("ALTER TABLE ").append(table(versionId));
        for (String column : helperColumns) {
            alter.append(" DROP COLUMN ").append(column).append(',');
        }
        alter.append(" ALTER COLUMN id SET NOT NULL, ALTER COLUMN version_id SET NOT NULL,")
                .append(" ALTER COLUMN properties SET NOT NULL,")
                .append(" ALTER COLUMN geom SET NOT NULL, ADD CHECK (version_id = ").append(versionId).append(')');
        jdbc.execute(alter.toString());
        jdbc.execute("ALTER TABLE feature ATTACH PARTITION " + table(versionId) + " FOR VALUES IN (" + versionId + ")");
        jdbc.execute("ANALYZE " + table(versionId));
    }
}
