package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * ogr2ogr hanging: with a short time limit (its own application context, greenplan.import.gdal-timeout)
 * the process is killed, its database session ended, and the job fails with no layer, no scratch table
 * and no files left.
 */
@TestPropertySource(properties = "greenplan.import.gdal-timeout=3s")
class Ogr2ogrTimeoutTest extends ImportTestSupport {

    @Test
    void aHangingOgr2ogrIsKilledAtTheTimeLimitAndTheJobFails() throws Exception {
        Path file = write("park.geojson", HostileInputTest.PARK);
        long layers = jdbc.queryForObject("SELECT count(*) FROM layer", Long.class);
        String jobId;
        List<Integer> percents = new ArrayList<>();
        try (AutoCloseable hold = holdStagingSchema()) {
            Reply r = multipart("/api/v1/imports", ANALYST, file, "park.geojson", "layer", "卡住", "kind", "park",
                    "id", "ti-hang");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            jobId = r.json().path("id").asString();
            // the job fails while ogr2ogr is still blocked: only the time limit can have ended it
            JsonNode job = pollUntil(jobId, j -> !j.path("state").asString().matches("queued|running"), percents);
            assertThat(job.path("state").asString()).isEqualTo("failed");
            assertThat(job.path("error").path("field").asString()).isEqualTo("file");
            assertThat(job.path("error").path("reason").asString()).contains("ogr2ogr did not finish within 3 s");
            assertNoProcessOf(jobId);
            // the killed ogr2ogr's session, which was waiting for the lock, has been ended too
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                    Long.class, FileImport.sessionName(java.util.UUID.fromString(jobId)))).isZero();
        }
        assertThat(percents).isSorted();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer", Long.class)).isEqualTo(layers);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'", Long.class))
                .isZero();
        assertNoStrayFiles();
    }
}
