package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken input: every case ends in a clear 4xx or a failed job, with no partial layer, no
 * scratch table and no files left behind.
 */
class HostileInputTest extends ImportTestSupport {

    @Autowired
    ImportJobs importJobs;

    static final String PARK = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"公园"},
             "geometry":{"type":"Polygon","coordinates":[[[120,30],[120.01,30],[120.01,30.01],[120,30.01],[120,30]]]}}]}""";

    /** A zip built entry by entry: name → bytes. */
    static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private long layerCount() {
        return jdbc.queryForObject("SELECT count(*) FROM layer", Long.class);
    }

    private void assertRefused(byte[] file, String fileName, String field, String... reason) {
        long layers = layerCount();
        Reply r = multipart("/api/v1/imports", ANALYST, file, fileName, "layer", "恶意", "kind", "park",
                "id", "ti-hostile");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo(field);
        assertThat(r.json().path("reason").asString()).contains(reason);
        assertThat(layerCount()).isEqualTo(layers);
        assertNoStrayFiles();
    }

    @Test
    void zipSlipAndAbsolutePathsAreRefused() throws IOException {
        byte[] park = PARK.getBytes(StandardCharsets.UTF_8);
        assertRefused(zipOf(Map.of("../../x.geojson", park)), "slip.zip", "file", "climbs out");
        assertRefused(zipOf(Map.of("ok/../../../etc/x.geojson", park)), "slip.zip", "file", "climbs out");
        assertRefused(zipOf(Map.of("/tmp/x.geojson", park)), "abs.zip", "file", "absolute path");
        assertRefused(zipOf(Map.of("C:\\x.geojson", park)), "abs.zip", "file", "absolute path");
        assertThat(Files.exists(Path.of("target/x.geojson"))).isFalse();
    }

    @Test
    void symlinksInArchivesAreRefused() throws IOException {
        byte[] zip = zipOf(Map.of("link.geojson", "/etc/passwd".getBytes(StandardCharsets.UTF_8)));
        // mark the entry as a unix symlink: "version made by" host 3 (unix), mode S_IFLNK|0777
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                zip[i + 5] = 3;
                int attrs = 0120777 << 16;
                zip[i + 38] = (byte) attrs;
                zip[i + 39] = (byte) (attrs >>> 8);
                zip[i + 40] = (byte) (attrs >>> 16);
                zip[i + 41] = (byte) (attrs >>> 24);
            }
        }
        assertRefused(zip, "link.zip", "file", "symbolic link");
    }

    @Test
    void zipBombsAndTooManyEntriesAreRefused() throws IOException {
        // 150 MB of zeros deflate to ~150 kB: a ratio of ~1000
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("bomb.geojson"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 150; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertRefused(bytes.toByteArray(), "bomb.zip", "file", "zip bomb");

        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 201; i++) {
            many.put("f" + i + ".txt", new byte[] {1});
        }
        assertRefused(zipOf(many), "many.zip", "file", "201 entries", "at most 200");
    }

    @Test
    void anArchiveExpandingBeyondTheTotalLimitIsRefusedEvenAtAnOrdinaryRatio() throws IOException {
        // 201 MB (over max-uncompressed-size 200MB of the test settings) in 64 kB blocks of 1 kB noise and
        // zeros: about 60:1, within the ratio limit of 200, so only the total limit can refuse it
        java.util.Random noise = new java.util.Random(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("big.geojson"));
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 201 * 16; i++) {
                byte[] head = new byte[1024];
                noise.nextBytes(head);
                System.arraycopy(head, 0, block, 0, head.length);
                out.write(block);
            }
            out.closeEntry();
        }
        double ratio = 201.0 * 1024 * 1024 / bytes.size();
        assertThat(ratio).isBetween(20.0, 150.0);
        assertRefused(bytes.toByteArray(), "big.zip", "file", "expands to more than 209715200 bytes");
    }

    @Test
    void attributeNamesWithQuotesAndSqlArriveAsPlainKeys() {
        String evil = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名\\"称'":"西湖公园",
                 "x'); DROP TABLE layer; --":"a","\\"; DELETE FROM feature; --":1,"a\\\\b":"c"},
                 "geometry":{"type":"Polygon","coordinates":[[[120,30],[120.01,30],[120.01,30.01],[120,30.01],[120,30]]]}}]}""";
        long features = jdbc.queryForObject("SELECT count(*) FROM feature", Long.class);
        Path file = write("evil.geojson", evil);
        JsonNode job = importAndWait(file, "evil.geojson", "layer", "引号", "kind", "park", "id", "ti-quotes",
                "fieldMap", "{\"name\":\"名\\\"称'\"}");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode p = items("ti-quotes").get(0).path("properties");
        assertThat(p.path("name").asString()).isEqualTo("西湖公园");
        assertThat(p.path("x'); DROP TABLE layer; --").asString()).isEqualTo("a");
        assertThat(p.path("\"; DELETE FROM feature; --").asInt()).isEqualTo(1);
        assertThat(p.path("a\\b").asString()).isEqualTo("c");
        assertThat(p.has("名\"称'")).isFalse();
        // nothing was executed: the other layers' features are all still there, plus the new one
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature", Long.class)).isEqualTo(features + 1);
        deleteLayer("ti-quotes");
        assertNoStrayFiles();
    }

    @Test
    void uploadsOverTheSizeLimitAreRefusedWith413() {
        byte[] big = new byte[21 * 1024 * 1024];
        Reply r = multipart("/api/v1/imports", ANALYST, big, "big.geojson", "layer", "big", "kind", "park");
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().path("field").asString()).isEqualTo("file");
        assertNoStrayFiles();
    }

    private Path shapefileDir() {
        Path dir = tmp.resolve("shp");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        gdal("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("p.shp").toString(), write("p.geojson", PARK).toString());
        return dir;
    }

    @Test
    void brokenShapefilesAreRefused() throws IOException {
        Path dir = shapefileDir();
        Path zipNoShx;
        Files.move(dir.resolve("p.shx"), tmp.resolve("p.shx"));
        zipNoShx = zip("noshx.zip", dir, shapefile(dir, "p"));
        assertRefused(Files.readAllBytes(zipNoShx), "noshx.zip", "file", "no .shx");
        Files.move(tmp.resolve("p.shx"), dir.resolve("p.shx"));

        // a .dbf that claims one record more than the shapes
        Path dbf = dir.resolve("p.dbf");
        byte[] original = Files.readAllBytes(dbf);
        try (RandomAccessFile f = new RandomAccessFile(dbf.toFile(), "rw")) {
            f.seek(4);
            f.write(new byte[] {2, 0, 0, 0});
        }
        assertRefused(Files.readAllBytes(zip("count.zip", dir, shapefile(dir, "p"))), "count.zip", "file",
                "declares 2 records");
        Files.write(dbf, original);

        // a .shp cut short
        Path shp = dir.resolve("p.shp");
        byte[] full = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(full, full.length - 20));
        assertRefused(Files.readAllBytes(zip("cut.zip", dir, shapefile(dir, "p"))), "cut.zip", "file", "truncated");
    }

    @Test
    void aGeoJsonThatIsNotJsonIsRefused() {
        assertRefused("<xml>not json</xml>".getBytes(StandardCharsets.UTF_8), "x.geojson", "file", "GDAL cannot read");
        assertRefused("whatever".getBytes(StandardCharsets.UTF_8), "x.exe", "file", "unsupported file type");
    }

    @Test
    void aTenThousandVertexSelfIntersectingPolygonIsRepaired() {
        StringBuilder ring = new StringBuilder();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            // a figure eight (lemniscate of Gerono): the ring crosses itself in the middle
            double t = 2 * Math.PI * i / n;
            ring.append(i == 0 ? "" : ",").append('[').append(120 + 0.01 * Math.sin(t)).append(',')
                    .append(30 + 0.01 * Math.sin(t) * Math.cos(t)).append(']');
        }
        ring.append(",[120,30]");
        Path file = write("eight.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"八字\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring
                + "]]}}]}");
        JsonNode job = importAndWait(file, "eight.geojson", "layer", "八字", "kind", "residential", "id", "ti-eight");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("featuresRepaired").asInt()).isEqualTo(1);
        assertThat(job.path("report").path("repairs").get(0).path("reason").asString()).contains("Self-intersection");
        assertThat(jdbc.queryForObject("""
                SELECT bool_and(ST_IsValid(geom)) AND bool_and(GeometryType(geom) = 'MULTIPOLYGON')
                  FROM feature f JOIN layer l ON l.current_version_id = f.version_id WHERE l.id = 'ti-eight'""",
                Boolean.class)).isTrue();
        deleteLayer("ti-eight");
    }

    @Test
    void nanInfinityEmptyAndMissingGeometriesAreRejectedAndListed() {
        // GDAL reads NaN/Infinity coordinates as no geometry; 500° passes GDAL and is caught by the check
        Path csv = write("pts.csv", "name,category,x,y\nA,学校,NaN,30\nB,学校,inf,30\nC,学校,120.1,30.1\nD,学校,,\n"
                + "E,学校,500,30\n");
        JsonNode job = importAndWait(csv, "pts.csv", "layer", "坏点", "kind", "facility", "id", "ti-nan", "crs",
                "EPSG:4326");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("featuresRead").asInt()).isEqualTo(5);
        assertThat(report.path("featuresLoaded").asInt()).isEqualTo(1);
        assertThat(report.path("featuresRejected").asInt()).isEqualTo(4);
        List<Integer> rejected = new ArrayList<>();
        report.path("rejections").forEach(r -> rejected.add(r.path("feature").asInt()));
        assertThat(rejected).containsExactly(0, 1, 3, 4);
        assertThat(report.path("rejections").get(0).path("reason").asString()).contains("no geometry");
        assertThat(report.path("rejections").get(2).path("reason").asString()).contains("no geometry");
        assertThat(report.path("rejections").get(3).path("reason").asString()).contains("not finite or fall off");
        deleteLayer("ti-nan");

        Path allBad = write("bad.csv", "name,category,x,y\nA,学校,NaN,30\n");
        JsonNode failed = importAndWait(allBad, "bad.csv", "layer", "坏点", "kind", "facility", "id", "ti-nan2",
                "crs", "EPSG:4326");
        assertThat(failed.path("state").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("reason").asString()).contains("no features");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = 'ti-nan2'", Long.class)).isZero();
        assertNoStrayFiles();
    }

    @Test
    void aNanVertexIsReportedNotFiniteLikeInfinityNotEmpty() {
        // GDAL keeps a polygon's NaN vertex; the check must name it (finiteness is tested before emptiness)
        Path file = write("nan.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[NaN,30],[120.1,30.1],[120,30]]]}},
                 {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[Infinity,30],[120.1,30.1],[120,30]]]}},
                 {"type":"Feature","properties":{"name":"C"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[120.1,30],[120.1,30.1],[120,30]]]}}]}""");
        JsonNode job = importAndWait(file, "nan.geojson", "layer", "坏面", "kind", "park", "id", "ti-nan-poly");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("featuresLoaded").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("rejections").size()).isEqualTo(2);
        for (JsonNode r : report.path("rejections")) {
            assertThat(r.path("reason").asString()).as(r.toString()).contains("not finite").doesNotContain("empty");
        }
        deleteLayer("ti-nan-poly");
    }

    @Test
    void aPointOutsideTheZonesProjectionDomainIsRejectedAndTheRestLoads() {
        // GK zone 40 (EPSG:4528) is reprojected in PostGIS, where one untransformable point fails the whole
        // statement: the import must fall back to row by row, reject that point and keep the others
        Path csv = write("gk.csv", "name,category,WKT\nA,学校,POINT (40500000 3320000)\nB,学校,POINT (99000000 3320000)\n"
                + "C,学校,POINT (40510000 3321000)\n");
        Path dir = tmp.resolve("gk");
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        gdal("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("pts.shp").toString(), csv.toString(), "-oo",
                "GEOM_POSSIBLE_NAMES=WKT", "-a_srs", "EPSG:4528", "-lco", "ENCODING=UTF-8");
        Path zip = zip("gk.zip", dir, shapefile(dir, "pts"));
        JsonNode job = importAndWait(zip, "gk.zip", "layer", "区外点", "kind", "facility", "id", "ti-domain");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("featuresLoaded").asInt()).isEqualTo(2);
        assertThat(report.path("featuresRejected").asInt()).isEqualTo(1);
        assertThat(report.path("rejections").get(0).path("feature").asInt()).isEqualTo(1);
        assertThat(report.path("rejections").get(0).path("reason").asString()).contains("not finite or fall off");
        // easting 500 000 of zone 40 lies on its central meridian, 120°E, whatever the latitude
        assertThat(jdbc.queryForObject("""
                SELECT ST_XMin(geom) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = 'ti-domain' AND f.properties->>'name' = 'A'""", Double.class))
                .isCloseTo(120.0, org.assertj.core.api.Assertions.within(1e-9));
        // ids follow the file, a gap where the rejected feature was: A is feature 0, C feature 2
        assertThat(jdbc.queryForList("""
                SELECT f.properties->>'name' || ':' || f.source_id || ':' || (f.id - min(f.id) OVER ())
                  FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = 'ti-domain' ORDER BY f.id""", String.class)).containsExactly("A:0:0", "C:2:2");
        deleteLayer("ti-domain");
        assertNoStrayFiles();
    }

    @Test
    void twoImportsIntoOneLayerAtOnceEndOneVersionAfterTheOther() throws Exception {
        Path file = write("park.geojson", PARK);
        assertThat(importAndWait(file, "park.geojson", "layer", "并发", "kind", "park", "id", "ti-concurrent")
                .path("state").asString()).isEqualTo("succeeded");
        List<CompletableFuture<JsonNode>> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jobs.add(CompletableFuture.supplyAsync(() -> importAndWait(file, "park.geojson", "layer", "ti-concurrent")));
        }
        List<Integer> versions = new ArrayList<>();
        for (var j : jobs) {
            JsonNode job = j.get();
            assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
            versions.add(job.path("report").path("version").asInt());
        }
        assertThat(versions).containsExactlyInAnyOrder(2, 3);
        JsonNode layer = get("/api/v1/layers/ti-concurrent").json();
        assertThat(layer.path("version").asInt()).isEqualTo(3);
        assertThat(layer.path("versions").size()).isEqualTo(3);
        layer.path("versions").forEach(v -> assertThat(v.path("featureCount").asInt()).isEqualTo(1));
        deleteLayer("ti-concurrent");
    }

    @Test
    void aRestartDuringAnImportMarksItFailedAndCleansUp() throws IOException {
        Path file = write("park.geojson", PARK);
        importAndWait(file, "park.geojson", "layer", "重启", "kind", "park", "id", "ti-restart");
        // what a server killed mid-import leaves: a running job, ogr2ogr's scratch table, the job's files
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO import_job (id, state, percent, layer_id) VALUES (?, 'running', 40, 'ti-restart')", id);
        jdbc.execute("CREATE TABLE staging." + FileImport.scratchTable(id) + " (ogc_fid serial, geom geometry)");
        Path dir = Path.of("target/test-imports", id.toString(), "src");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("x.geojson"), PARK);

        importJobs.recoverAfterRestart(); // what start-up runs

        JsonNode job = get("/api/v1/imports/" + id, "Authorization", "Bearer " + ANALYST).json();
        assertThat(job.path("state").asString()).isEqualTo("failed");
        assertThat(job.path("error").path("reason").asString()).contains("server restarted during the import");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'", Long.class))
                .isZero();
        assertNoStrayFiles();
        JsonNode layer = get("/api/v1/layers/ti-restart").json();
        assertThat(layer.path("version").asInt()).isEqualTo(1);
        assertThat(layer.path("versions").size()).isEqualTo(1);
        deleteLayer("ti-restart");
    }
}
