package org.greenplan.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16: imports that race. The test lines the racers up with database locks (the lock that attaching a
 * version's table needs, or the layer's row), so each race is run in the order it names, not by chance. One wins
 * cleanly, the other ends with a clear error naming the layer, and the catalog holds no orphaned version table
 * and no scratch table.
 */
class ConcurrentImportsTest extends ImportTestSupport {

    private static final String ATTACH = "%attach_feature_version%";

    private static String parks(int n, double y) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = 119.95 + i * 0.001;
            sb.append(i == 0 ? "" : ",").append("""
                    {"type":"Feature","properties":{"name":"公园%d"},"geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}"""
                    .formatted(i, x, y, x + 0.0005, y, x + 0.0005, y + 0.0005, x, y));
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + sb + "]}";
    }

    private long featureTables() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'features'", Long.class);
    }

    private long versionRows() {
        return jdbc.queryForObject("SELECT count(*) FROM layer_version", Long.class);
    }

    /** Waits until a session of this database runs a statement like {@code pattern} and waits for a lock. */
    private void awaitBlocked(String pattern) {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND query ILIKE ?";
        for (int i = 0; i < 1200 && jdbc.queryForObject(sql, Long.class, pattern) == 0; i++) {
            ServerProcess.sleep(50);
        }
        assertThat(jdbc.queryForObject(sql, Long.class, pattern)).as("blocked: " + pattern).isPositive();
    }

    private String submit(String file, String... fields) {
        Reply r = multipart("/api/v1/imports", ANALYST, write(file, parks(3, 30.4)), file, fields);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("id").asString();
    }

    private Connection lock(String sql) throws Exception {
        Connection c = ownerJdbc().getDataSource().getConnection();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
        return c;
    }

    private void assertCatalogClean(long tables, long versions) {
        assertThat(featureTables()).as("version tables").isEqualTo(tables);
        assertThat(versionRows()).as("version rows").isEqualTo(versions);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'", Long.class))
                .as("scratch tables").isZero();
        // every version table belongs to a version row, and every version row has its table
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'features'
                   AND NOT EXISTS (SELECT 1 FROM layer_version v WHERE t.tablename = 'v' || v.id)""", Long.class))
                .as("orphaned version tables").isZero();
    }

    @Test
    void twoImportsCreatingOneNewLayerAtOnceOneWinsTheOtherIsAClearConflict() throws Exception {
        long tables = featureTables();
        long versions = versionRows();
        String a;
        String b;
        try (Connection hold = lock("LOCK TABLE feature IN SHARE UPDATE EXCLUSIVE MODE")) {
            a = submit("a.geojson", "layer", "并发", "kind", "park", "id", "ti-race");
            awaitBlocked(ATTACH); // a: its new layer row written, waiting to attach its version
            b = submit("b.geojson", "layer", "并发", "kind", "park", "id", "ti-race");
            awaitBlocked("INSERT INTO layer %"); // b: its insert of the same layer id waits for a's transaction
            hold.rollback();
        }
        JsonNode ja = await(a);
        JsonNode jb = await(b);
        assertThat(ja.path("state").asString()).as(ja.toString()).isEqualTo("succeeded");
        assertThat(jb.path("state").asString()).as(jb.toString()).isEqualTo("failed");
        assertThat(jb.path("error").path("reason").asString()).contains("'ti-race' already exists");
        assertThat(items("ti-race")).hasSize(3);
        assertCatalogClean(tables + 1, versions + 1);
        deleteLayer("ti-race");
        assertCatalogClean(tables, versions);
    }

    @Test
    void anImportRacingADeleteEitherLandsBeforeTheDeleteOrFailsNamingTheLayer() throws Exception {
        long tables = featureTables();
        long versions = versionRows();

        // the import first: it publishes, then the delete removes the layer with both its versions
        assertThat(await(submit("v1.geojson", "layer", "删", "kind", "park", "id", "ti-del")).path("state").asString())
                .isEqualTo("succeeded");
        CompletableFuture<Reply> delete;
        String job;
        try (Connection hold = lock("LOCK TABLE feature IN SHARE UPDATE EXCLUSIVE MODE")) {
            job = submit("v2.geojson", "layer", "ti-del");
            awaitBlocked(ATTACH); // the import holds the layer's row, waiting to attach its version
            delete = CompletableFuture.supplyAsync(() -> send("DELETE", "/api/v1/layers/ti-del", ADMIN, null, null));
            awaitBlocked("DELETE FROM layer %"); // the delete waits for the import's transaction
            hold.rollback();
        }
        assertThat(await(job).path("state").asString()).isEqualTo("succeeded");
        assertThat(delete.get().status()).isEqualTo(204);
        assertThat(get("/api/v1/layers/ti-del").status()).isEqualTo(404);
        assertCatalogClean(tables, versions);

        // the delete first: the import waiting behind it finds no layer
        assertThat(await(submit("v1.geojson", "layer", "删", "kind", "park", "id", "ti-del")).path("state").asString())
                .isEqualTo("succeeded");
        try (Connection hold = lock("SELECT id FROM layer WHERE id = 'ti-del' FOR UPDATE")) {
            delete = CompletableFuture.supplyAsync(() -> send("DELETE", "/api/v1/layers/ti-del", ADMIN, null, null));
            awaitBlocked("DELETE FROM layer %");
            job = submit("v2.geojson", "layer", "ti-del");
            awaitBlocked("SELECT id FROM layer WHERE % FOR UPDATE");
            hold.rollback();
        }
        assertThat(delete.get().status()).isEqualTo(204);
        JsonNode failed = await(job);
        assertThat(failed.path("state").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("error").path("field").asString()).isEqualTo("layer");
        assertThat(failed.path("error").path("reason").asString()).contains("ti-del");
        assertCatalogClean(tables, versions);
        assertThat(List.of(get("/api/v1/layers/ti-del").status())).containsExactly(404);
    }
}
