package org.greenplan.faults;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the server killed with SIGKILL in the middle of an import. A server process of its own takes the
 * import of a layer's second version; the test holds the lock that attaching the new version's feature table
 * needs, so the kill comes at the worst moment: ogr2ogr's scratch table loaded, the version row and its feature
 * table written but not committed. After a restart the job reads failed, no partial version exists, the first
 * version is intact and the scratch table is gone.
 */
class KillDuringImportTest extends ImportTestSupport {

    private static final String PARKS = """
            {"type":"FeatureCollection","features":[%s]}""";

    private static String park(int i) {
        double x = 119.95 + i * 0.001;
        return """
                {"type":"Feature","properties":{"name":"公园%d"},"geometry":{"type":"Polygon","coordinates":[[[%s,30.4],[%s,30.4],[%s,30.4005],[%s,30.4]]]}}"""
                .formatted(i, x, x + 0.0005, x + 0.0005, x);
    }

    private static String parks(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(park(i));
        }
        return PARKS.formatted(sb);
    }

    @Test
    void aServerKilledMidImportLeavesNoPartialVersionAndTheJobReadsFailedAfterRestart() throws Exception {
        JsonNode first = importAndWait(write("v1.geojson", parks(3)), "v1.geojson", "layer", "被杀", "kind", "park",
                "id", "ti-kill");
        assertThat(first.path("state").asString()).as(first.toString()).isEqualTo("succeeded");
        List<Map<String, Object>> versionsBefore = versions();
        long tablesBefore = featureTables();

        Map<String, String> env = Map.of();
        String jobId;
        try (Connection hold = ownerJdbc().getDataSource().getConnection()) {
            hold.setAutoCommit(false);
            try (var st = hold.createStatement()) {
                // attaching a version's table to "feature" needs this lock; reading and inserting do not
                st.execute("LOCK TABLE feature IN SHARE UPDATE EXCLUSIVE MODE");
            }
            ServerProcess victim = ServerProcess.start("kill-during-import", env);
            try {
                HttpResponse<String> r = submit(victim, write("v2.geojson", parks(40)));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                jobId = JSON.readTree(r.body()).path("id").asString();
                awaitTrue("the import waiting to attach its version", () -> jdbc.queryForObject(
                        "SELECT count(*) FROM pg_locks WHERE relation = 'feature'::regclass AND NOT granted",
                        Long.class) > 0);
                assertThat(scratchTables()).as("ogr2ogr's scratch table is loaded").isNotEmpty();
                assertThat(job(jobId).path("state").asString()).isEqualTo("running");
                victim.kill();
            } finally {
                victim.close();
            }
            hold.rollback();
        }
        // killed: the version the dead server was writing rolled back with its connection
        assertThat(versions()).isEqualTo(versionsBefore);
        assertThat(job(jobId).path("state").asString()).isEqualTo("running"); // nobody has told the database yet

        try (ServerProcess restarted = ServerProcess.start("kill-during-import-restarted", env)) {
            JsonNode job = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(restarted.url("/api/v1/imports/" + jobId))).header("Authorization", "Bearer " + ANALYST)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("failed");
            assertThat(job.path("error").path("reason").asString()).containsIgnoringCase("server");
            assertThat(scratchTables()).as("scratch tables dropped on start").isEmpty();
        }
        assertThat(versions()).isEqualTo(versionsBefore);
        assertThat(featureTables()).as("no orphaned version table").isEqualTo(tablesBefore);
        assertThat(items("ti-kill")).hasSize(3);
        deleteLayer("ti-kill");
    }

    private HttpResponse<String> submit(ServerProcess server, Path file) throws Exception {
        String boundary = "----kill" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"layer\"\r\n\r\nti-kill\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v2.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n" + java.nio.file.Files.readString(file) + "\r\n--"
                + boundary + "--\r\n";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/imports")))
                .header("Authorization", "Bearer " + ANALYST)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode job(String id) {
        return get("/api/v1/imports/" + id, "Authorization", "Bearer " + ANALYST).json();
    }

    private List<Map<String, Object>> versions() {
        return jdbc.queryForList("SELECT id, version, feature_count "
                + "FROM layer_version WHERE layer_id = 'ti-kill' ORDER BY id");
    }

    private List<String> scratchTables() {
        return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'staging' AND tablename LIKE 'imp\\_%'",
                String.class);
    }

    /** Tables in schema features: one per version, attached or not. */
    private long featureTables() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'features'", Long.class);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
            ServerProcess.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
