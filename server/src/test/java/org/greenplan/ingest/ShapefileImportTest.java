package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Zipped shapefiles as bureaus hold them: GBK attributes, CGCS2000 Gauss-Krüger coordinates with and
 * without the zone number in the easting, with and without .prj and .cpg.
 */
class ShapefileImportTest extends ImportTestSupport {

    /** Two red-line polygons near Hangzhou (120.0–120.11°E, 30.0–30.11°N), GBK-worthy names. */
    static final String RED_LINES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"MC":"生态保护红线·西溪湿地","RKS":120},
             "geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.01,30.0],[120.01,30.01],[120.0,30.01],[120.0,30.0]]]}},
            {"type":"Feature","properties":{"MC":"红线二号（龙坞）","RKS":5},
             "geometry":{"type":"Polygon","coordinates":[[[120.1,30.1],[120.11,30.1],[120.11,30.11],[120.1,30.11],[120.1,30.1]]]}}]}""";

    Path shapefileZip(String epsg, boolean prj, boolean cpg) throws Exception {
        Path src = write("red.geojson", RED_LINES);
        Path dir = tmp.resolve("shp");
        Files.createDirectories(dir);
        gdal("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("红线.shp").toString(), src.toString(), "-t_srs", epsg,
                "-lco", "ENCODING=GBK");
        if (!prj) {
            Files.delete(dir.resolve("红线.prj"));
        }
        if (!cpg) {
            Files.delete(dir.resolve("红线.cpg"));
        }
        return zip("red.zip", dir, shapefile(dir, "红线"));
    }

    @Test
    void gbkShapefileInZoneFortyWithPrjAndCpg() throws Exception {
        Path zip = shapefileZip("EPSG:4528", true, true);
        JsonNode job = importAndWait(zip, "red.zip", "layer", "生态保护红线", "kind", "ecological_red_line",
                "id", "ti-red-gk");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("featuresRead").asInt()).isEqualTo(2);
        assertThat(report.path("featuresLoaded").asInt()).isEqualTo(2);
        assertThat(report.path("version").asInt()).isEqualTo(1);
        assertThat(report.path("crs").path("decidedBy").asString()).isEqualTo("prj");
        assertThat(report.path("crs").path("detected").asString()).contains("zone 40");
        assertThat(report.path("encoding").path("decidedBy").asString()).isEqualTo("cpg");
        assertThat(report.path("encoding").path("detected").asString()).isEqualTo("GBK");
        assertThat(report.path("fieldMap").path("name").asString()).isEqualTo("MC");
        assertThat(job.path("percent").asInt()).isEqualTo(100);

        var features = items("ti-red-gk");
        assertThat(features).hasSize(2);
        assertThat(features.get(0).path("properties").path("name").asString()).isEqualTo("生态保护红线·西溪湿地");
        assertThat(features.get(1).path("properties").path("name").asString()).isEqualTo("红线二号（龙坞）");
        // the GK coordinates came back to where they were drawn
        double lon = features.get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        double lat = features.get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(1).asDouble();
        assertThat(lon).isCloseTo(120.0, within(1e-6));
        assertThat(lat).isCloseTo(30.0, within(1e-6));
        deleteLayer("ti-red-gk");
        assertNoStrayFiles();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'", Long.class))
                .isZero();
    }

    @Test
    void withoutCpgTheEncodingIsDetectedAndWithoutPrjTheZoneIsGuessed() throws Exception {
        Path zip = shapefileZip("EPSG:4528", false, false);
        JsonNode job = importAndWait(zip, "red.zip", "layer", "红线", "kind", "ecological_red_line", "id", "ti-red-guess");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("encoding").path("decidedBy").asString()).isEqualTo("detected");
        assertThat(report.path("encoding").path("detected").asString()).isEqualTo("GB18030");
        assertThat(report.path("crs").path("decidedBy").asString()).isEqualTo("guessed");
        assertThat(report.path("crs").path("sourceSrs").asString()).isEqualTo("EPSG:4528");
        assertThat(report.path("warnings").toString()).contains("guessed");
        var features = items("ti-red-guess");
        assertThat(features.get(0).path("properties").path("name").asString()).isEqualTo("生态保护红线·西溪湿地");
        double lon = features.get(1).path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(lon).isCloseTo(120.1, within(1e-6));
        deleteLayer("ti-red-guess");
    }

    @Test
    void plainGaussKrugerWithoutPrjIsAskedForNotGuessed() throws Exception {
        Path zip = shapefileZip("EPSG:4549", false, true);
        Reply r = multipart("/api/v1/imports", ANALYST, zip, "red.zip", "layer", "x", "kind", "ecological_red_line");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("field").asString()).isEqualTo("crs");
        assertThat(r.json().path("reason").asString()).contains("EPSG:4549");
        // with the analyst's EPSG code it loads, reported as the user's decision
        JsonNode job = importAndWait(zip, "red.zip", "layer", "红线", "kind", "ecological_red_line", "id", "ti-red-user",
                "crs", "EPSG:4549");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("crs").path("decidedBy").asString()).isEqualTo("user");
        double lat = items("ti-red-user").get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(1).asDouble();
        assertThat(lat).isCloseTo(30.0, within(1e-6));
        deleteLayer("ti-red-user");
        assertNoStrayFiles();
    }

    @Test
    void percentDoneMovesThroughTheStagesAndEndsAtOneHundred() throws Exception {
        Path zip = shapefileZip("EPSG:4528", true, true);
        List<Integer> percents = new ArrayList<>();
        String jobId;
        try (AutoCloseable hold = holdStagingSchema()) {
            // ogr2ogr waits for the schema: the job is caught at its loading stage
            Reply r = multipart("/api/v1/imports", ANALYST, zip, "red.zip", "layer", "红线进度", "kind",
                    "ecological_red_line", "id", "ti-red-progress");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            jobId = r.json().path("id").asString();
            // the stage is a code (the page translates it), its English words beside it
            JsonNode running = pollUntil(jobId, j -> j.path("stage").asString().equals("reading"), percents);
            assertThat(running.path("stageText").asString()).isEqualTo("reading the file (ogr2ogr)");
            assertThat(running.path("state").asString()).isEqualTo("running");
            assertThat(running.path("percent").asInt()).isBetween(10, 70);
        }
        JsonNode done = pollUntil(jobId, j -> !j.path("state").asString().matches("queued|running"), percents);
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(percents).isSorted().contains(100).last().isEqualTo(100);
        assertThat(percents.stream().filter(p -> p > 0 && p < 100)).isNotEmpty();
        deleteLayer("ti-red-progress");
    }
}
