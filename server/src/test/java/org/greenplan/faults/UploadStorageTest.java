package org.greenplan.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16: uploads against a full disk and a slow client. A 256 kB tmpfs mounted over the servlet container's
 * multipart directory, then over the import work directory, stands for a full temporary directory: the upload
 * is refused 507 naming the file and saying what is full, no job or layer is left, and once the space is back
 * the next import goes through. A client that trickles its upload holds no database connection meanwhile.
 */
class UploadStorageTest extends ImportTestSupport {

    @Autowired
    ServletContext servletContext;

    @Autowired
    javax.sql.DataSource dataSource;

    /** A GeoJSON of parks larger than the 256 kB the tmpfs holds. */
    private Path bigUpload() throws IOException {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 4000; i++) {
            double x = 119.95 + (i % 100) * 0.0005;
            double y = 30.40 + (i / 100) * 0.0005;
            sb.append(i == 0 ? "" : ",").append("""
                    {"type":"Feature","properties":{"name":"公园%d"},"geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}"""
                    .formatted(i, x, y, x + 0.0002, y, x + 0.0002, y + 0.0002, x, y));
        }
        Path p = tmp.resolve("big.geojson");
        Files.writeString(p, sb.append("]}"), StandardCharsets.UTF_8);
        assertThat(Files.size(p)).isGreaterThan(512 * 1024);
        return p;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** Mounts a 256 kB tmpfs over {@code dir} until closed; skips the test where mounting is not allowed. */
    private static AutoCloseable full(Path dir) throws Exception {
        Files.createDirectories(dir);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString());
        Assumptions.assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root)");
        return () -> assertThat(run("umount", dir.toString())).isZero();
    }

    private void assertRefusedAsFull(Path file, String where) {
        long layers = jdbc.queryForObject("SELECT count(*) FROM layer", Long.class);
        long jobs = jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class);
        Reply r = multipart("/api/v1/imports", ANALYST, file, "big.geojson", "layer", "满", "kind", "park", "id",
                "ti-full");
        assertThat(r.status()).as(where + ": " + r.body()).isEqualTo(507);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo("file");
        assertThat(r.json().path("reason").asString()).contains("temporary storage is full")
                .contains("No space left on device").contains("nothing was imported");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer", Long.class)).isEqualTo(layers);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class)).isEqualTo(jobs);
    }

    @Test
    void aFullTemporaryDirectoryRefusesTheUploadClearlyAndNothingElseBreaks() throws Exception {
        Path file = bigUpload();
        Path multipartDir = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        try (AutoCloseable mounted = full(multipartDir)) {
            assertRefusedAsFull(file, "multipart directory full");
        }
        try (AutoCloseable mounted = full(Path.of("target/test-imports").toAbsolutePath())) {
            assertRefusedAsFull(file, "import work directory full");
        }
        assertThat(get("/collections/demo-park/items?limit=1").status()).isEqualTo(200);
        var job = importAndWait(file, "big.geojson", "layer", "满", "kind", "park", "id", "ti-full");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("featuresLoaded").asInt()).isEqualTo(4000);
        deleteLayer("ti-full");
        assertNoStrayFiles();
    }

    @Test
    void aSlowClientUploadingHoldsNoDatabaseConnection() throws Exception {
        var pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
        byte[] file = Files.readAllBytes(bigUpload());
        String boundary = "----slow" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"layer\"\r\n\r\n慢\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npark\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nti-slow\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("localhost", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ANALYST
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                    + (head.length + file.length + tail.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            int half = file.length / 2;
            out.write(file, 0, half);
            out.flush();
            // half the file sent, the rest still to come: the request is in the server, reading; no connection is
            // held for it (background work may borrow one for a moment: wait for the pool to be idle)
            int active = Integer.MAX_VALUE;
            for (int i = 0; i < 100 && active > 0; i++) {
                Thread.sleep(100);
                active = pool.getActiveConnections();
            }
            assertThat(active).as("connections in use while the upload trickles in").isZero();
            for (int i = 0; i < 5; i++) { // slowly: a second, five times
                Thread.sleep(200);
                assertThat(pool.getActiveConnections()).isZero();
            }
            out.write(file, half, file.length - half);
            out.write(tail);
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 202");
            String id = reply.substring(reply.indexOf("\"id\":\"") + 6);
            id = id.substring(0, id.indexOf('"'));
            assertThat(await(id).path("state").asString()).isEqualTo("succeeded");
        }
        deleteLayer("ti-slow");
    }
}
