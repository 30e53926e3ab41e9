package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GDAL runner: a hanging command is killed with its children at the time limit; progress is parsed. */
class GdalRunnerTest {

    final GdalRunner runner = new GdalRunner("jdbc:postgresql://127.0.0.1:55432/x", "greenplan", "secret");

    @Test
    void aHangingCommandIsKilledWithItsChildren(@TempDir Path tmp) throws Exception {
        Path pid = tmp.resolve("child.pid");
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "sleep 60 & echo $! > " + pid + "; wait"),
                Duration.ofSeconds(1), null))
                .isInstanceOf(GdalRunner.GdalException.class)
                .hasMessageContaining("did not finish within 1 s")
                .matches(e -> ((GdalRunner.GdalException) e).timedOut());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pid).trim());
        Thread.sleep(200);
        // gone, or a zombie waiting for a reaper (containers often have none): either way not running
        Path stat = Path.of("/proc/" + child + "/stat");
        boolean running = Files.exists(stat) && !Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z");
        assertThat(running).isFalse();
    }

    @Test
    void progressDotsBecomePercentAndThePasswordStaysOffTheCommandLine(@TempDir Path tmp) {
        List<Integer> seen = new ArrayList<>();
        // only a call that asks for the database gets its password (issue 12: not ogrinfo, not the preview)
        GdalRunner.Result r = runner.run(GdalRunner.Access.files(tmp, "GeoJSON").withDatabase(null), List.of("sh", "-c",
                "printf '0...10...20...30'; sleep 0.1; printf '...40...50"
                + "...60...70...80...90...100 - done.\\n'; echo \"pw=$PGPASSWORD\""), Duration.ofSeconds(10), seen::add);
        assertThat(r.exitCode()).isZero();
        assertThat(seen).contains(30, 100);
        assertThat(r.output()).contains("pw=secret");
        assertThat(runner.pgDatasource()).isEqualTo("PG:host='127.0.0.1' port=55432 dbname='x' user='greenplan'")
                .doesNotContain("secret");
    }

    @Test
    void aProcessReadingAnUploadGetsNeitherThePasswordNorTheServersEnvironment(@TempDir Path tmp) {
        GdalRunner.Result r = runner.run(GdalRunner.Access.files(tmp, "KML"), List.of("sh", "-c", "env"),
                Duration.ofSeconds(10), null);
        assertThat(r.exitCode()).isZero();
        List<String> env = r.output().lines().toList();
        assertThat(env).noneMatch(l -> l.startsWith("PGPASSWORD=") || l.startsWith("GREENPLAN_") || l.contains("secret"))
                .contains("HOME=" + tmp.toAbsolutePath(), "CPL_TMPDIR=" + tmp.toAbsolutePath(),
                        "GDAL_HTTP_PROXY=127.0.0.1:9", "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS=NO");
        // every variable is one the sandbox sets or lets through
        assertThat(env).allMatch(l -> l.matches("(PATH|LANG|LANGUAGE|LC_\\w+|TZ|LD_LIBRARY_PATH|GDAL_DATA|PROJ_LIB|PROJ_DATA"
                + "|HOME|CPL_TMPDIR|GDAL_SKIP|PWD|SHLVL|_|" + String.join("|", GdalSandbox.CONFIG.keySet()) + ")=.*"));
        String skip = env.stream().filter(l -> l.startsWith("GDAL_SKIP=")).findFirst().orElseThrow();
        assertThat(List.of(skip.substring(10).split(","))).contains("OGR_VRT", "VRT", "WFS", "LIBKML", "GPSBabel",
                "PostgreSQL", "GeoJSON", "CSV").doesNotContain("KML");
    }

    /** A VRT reading {@code secret.csv} (which holds {@code marker}) in {@code dir}, saved as {@code name}. */
    private static Path vrt(Path dir, String name, String marker) throws Exception {
        Files.writeString(dir.resolve("secret.csv"), "name,x,y\n" + marker + ",120,30\n");
        return Files.writeString(dir.resolve(name), "<OGRVRTDataSource><OGRVRTLayer name=\"evil\"><SrcDataSource>"
                + dir.resolve("secret.csv") + "</SrcDataSource><SrcLayer>secret</SrcLayer></OGRVRTLayer>"
                + "</OGRVRTDataSource>\n");
    }

    @Test
    void onlyTheDriversACallNamesCanOpenAFile(@TempDir Path tmp) throws Exception {
        // GDAL would open this as a VRT whatever its name; with only KML loadable it cannot
        Path kml = vrt(tmp, "x.kml", "MARKER-KML");
        GdalRunner.Result r = runner.run(GdalRunner.Access.files(tmp, "KML"), List.of("ogrinfo", "-ro", "-al",
                kml.toString()), Duration.ofSeconds(30), null);
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).doesNotContain("MARKER-KML").doesNotContain("OGR_VRT");
        // read with the CSV driver it is a line of text, and nothing of the file it names
        Path csv = vrt(tmp, "y.csv", "MARKER-CSV");
        r = runner.run(GdalRunner.Access.files(tmp, "CSV"), List.of("ogrinfo", "-ro", "-al", csv.toString()),
                Duration.ofSeconds(30), null);
        assertThat(r.output()).contains("using driver `CSV'").doesNotContain("MARKER-CSV");
    }

    @Test
    void noHttpRequestLeavesAGdalProcess(@TempDir Path tmp) throws Exception {
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer probe = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        probe.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        probe.start();
        try {
            String base = "http://127.0.0.1:" + probe.getAddress().getPort();
            for (String source : List.of("/vsicurl/" + base + "/a.geojson", base + "/b.geojson",
                    "/vsicurl_streaming/" + base + "/c.geojson")) {
                GdalRunner.Result r = runner.run(GdalRunner.Access.files(tmp, "GeoJSON"),
                        List.of("ogrinfo", "-ro", "-so", source), Duration.ofSeconds(30), null);
                assertThat(r.exitCode()).as(source + "\n" + r.output()).isNotZero();
            }
            assertThat(requests).isEmpty();
        } finally {
            probe.stop(0);
        }
    }

    @Test
    void ogrinfoOnAMissingFileIsAnExitCodeNotAnException() {
        GdalRunner.Result r = runner.run(List.of("ogrinfo", "-ro", "/nonexistent.shp"), Duration.ofSeconds(30), null);
        assertThat(r.exitCode()).isNotZero();
        assertThat(GdalRunner.errorLines(r.output())).contains("nonexistent");
    }
}
