package org.greenplan.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.greenplan.kind.LayerKind;

/**
 * A workspace's layers read from the server's PostGIS ({@code --input-jdbc}): the current version of every
 * layer, each through Spark's JDBC source as {@code ST_AsBinary(geom)} in parallel ranges of the feature id
 * (partitionColumn / lowerBound / upperBound / numPartitions), so each executor reads its own slice. The order
 * key is the layer's index (layers by id) in the high bits and the feature id in the low ones: the order the
 * server reads a version in (ORDER BY id).
 */
final class PostgisInput {

    /** Rows per JDBC range: a layer smaller than this is one query. */
    static final long ROWS_PER_RANGE = 2_000;

    /** A layer's current version and the span of its feature ids. */
    record Layer(int index, String id, String kind, long versionId, int version, long count, long minId, long maxId) {
    }

    private PostgisInput() {
    }

    /** The workspace's layers with a current version, by id; none is an error naming the workspace. */
    static List<Layer> layers(String url, String user, String password, String workspace) {
        String sql = "SELECT l.id, l.kind, v.id, v.version, count(f.id), min(f.id), max(f.id) FROM layer l "
                + "JOIN layer_version v ON v.id = l.current_version_id LEFT JOIN feature f ON f.version_id = v.id "
                + "WHERE l.workspace_id = ? GROUP BY l.id, l.kind, v.id, v.version ORDER BY l.id";
        List<Layer> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, workspace);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String kind = r.getString(2);
                    if (LayerKind.fromId(kind).isEmpty()) {
                        continue; // a kind this build does not know is not an input of any indicator
                    }
                    out.add(new Layer(out.size(), r.getString(1), kind, r.getLong(3), r.getInt(4), r.getLong(5),
                            r.getLong(6), r.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("--input-jdbc: cannot read the layers of workspace '" + workspace + "': "
                    + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--input-jdbc: workspace '" + workspace + "' has no published layer");
        }
        return out;
    }

    /** Ranges for a layer: one per ROWS_PER_RANGE features, at most {@code parallelism}, at least one. */
    static int ranges(Layer l, int parallelism) {
        return (int) Math.max(1, Math.min(parallelism, (l.count() + ROWS_PER_RANGE - 1) / ROWS_PER_RANGE));
    }

    /** One layer's features as the job's feature rows (kind, ord, fid, geometry, props). */
    static Dataset<Row> read(SparkSession spark, String url, String user, String password, Layer l, int parallelism) {
        long base = (long) l.index() << 40;
        Dataset<Row> d = spark.read().format("jdbc").option("url", url).option("user", user)
                .option("password", password).option("driver", "org.postgresql.Driver")
                .option("dbtable", "(SELECT id, source_id, properties::text AS props, ST_AsBinary(geom) AS wkb "
                        + "FROM feature WHERE version_id = " + l.versionId() + ") f")
                .option("partitionColumn", "id").option("lowerBound", l.minId()).option("upperBound", l.maxId() + 1)
                .option("numPartitions", ranges(l, parallelism)).option("fetchsize", 1000).load();
        return d.selectExpr("'" + l.kind() + "' AS kind", "id + " + base + " AS ord",
                "coalesce(source_id, CAST(id AS STRING)) AS fid", "ST_GeomFromWKB(wkb) AS geometry", "props");
    }

    /** The run's provenance: "layer-id@vN" of every layer read, joined by ", ". */
    static String versions(String workspace, List<Layer> layers) {
        List<String> parts = new ArrayList<>();
        layers.forEach(l -> parts.add(l.id() + "@v" + l.version()));
        return "workspace " + workspace + ": " + String.join(", ", parts);
    }
}
