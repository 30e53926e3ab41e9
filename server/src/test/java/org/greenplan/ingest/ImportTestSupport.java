package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Helpers for the import tests: real files made with ogr2ogr in a temporary directory, zipped with
 * java.util.zip, and sent as hand-built multipart/form-data over real HTTP.
 */
public abstract class ImportTestSupport extends ServerTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    protected Path tmp;

    /** Import tests name their layers ti-…; a failed earlier run must not make the next one conflict. */
    @org.junit.jupiter.api.BeforeEach
    void removeLeftoverLayers() {
        jdbc.update("DELETE FROM layer WHERE id LIKE 'ti-%'");
    }

    /** Runs ogr2ogr (or any GDAL tool) and fails the test if it fails. */
    protected static String gdal(String... args) {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Path write(String name, String content) {
        try {
            Path p = tmp.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips files (or whole folders, e.g. a .gdb) with their names relative to {@code base}. */
    protected Path zip(String name, Path base, Path... files) {
        Path zip = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : files) {
                List<Path> all = Files.isDirectory(f) ? Files.walk(f).filter(Files::isRegularFile).toList() : List.of(f);
                for (Path p : all) {
                    out.putNextEntry(new ZipEntry(base.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    /** All files of a shapefile (base name without extension) in {@code dir}. */
    protected static Path[] shapefile(Path dir, String base) {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(base + ".")).toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs a multipart form: {@code fields} as text parts, the file as part 'file'. */
    protected Reply multipart(String path, String token, Path file, String fileName, String... fields) {
        try {
            return multipart(path, token, Files.readAllBytes(file), fileName, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Reply multipart(String path, String token, byte[] file, String fileName, String... fields) {
        String boundary = "----greenplan" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < fields.length; i += 2) {
                if (fields[i + 1] == null) {
                    continue;
                }
                part(body, boundary, "Content-Disposition: form-data; name=\"" + fields[i] + "\"\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
                body.write(fields[i + 1].getBytes(StandardCharsets.UTF_8));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n");
                body.write(file);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void part(OutputStream body, String boundary, String headers) throws IOException {
        body.write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    /** Submits an import and waits for the job to end; returns the finished job. */
    protected JsonNode importAndWait(Path file, String fileName, String... fields) {
        Reply r = multipart("/api/v1/imports", ANALYST, file, fileName, fields);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return await(r.json().path("id").asString());
    }

    protected JsonNode await(String jobId) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            Reply job = get("/api/v1/imports/" + jobId, "Authorization", "Bearer " + ANALYST);
            assertThat(job.status()).as(job.body()).isEqualTo(200);
            String state = job.json().path("state").asString();
            if (state.equals("succeeded") || state.equals("failed")) {
                return job.json();
            }
            assertThat(System.currentTimeMillis()).as("job " + jobId + " still " + state).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Properties of the current version's features, in stored order. */
    protected List<JsonNode> items(String layerId) {
        JsonNode fc = get("/collections/" + layerId + "/items?limit=1000").json();
        List<JsonNode> out = new ArrayList<>();
        fc.path("features").forEach(out::add);
        return out;
    }

    protected static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    protected void deleteLayer(String id) {
        send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
    }

    /**
     * Makes ogr2ogr hang on purpose: an uncommitted {@code DROP SCHEMA staging} holds the schema's lock, so
     * ogr2ogr's CREATE TABLE of its scratch table waits until {@link AutoCloseable#close()} rolls it back.
     * Only the schema's owner may drop it.
     */
    protected AutoCloseable holdStagingSchema() throws java.sql.SQLException {
        java.sql.Connection c = ownerJdbc().getDataSource().getConnection();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("DROP SCHEMA staging CASCADE");
        }
        return () -> {
            c.rollback();
            c.close();
        };
    }

    /** The job's state while it runs, polled until {@code until} holds for it. */
    protected JsonNode pollUntil(String jobId, java.util.function.Predicate<JsonNode> until, List<Integer> percents) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode job = get("/api/v1/imports/" + jobId, "Authorization", "Bearer " + ANALYST).json();
            percents.add(job.path("percent").asInt());
            if (until.test(job)) {
                return job;
            }
            assertThat(System.currentTimeMillis()).as("job " + jobId + ": " + job).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** No ogr2ogr (or other process) is running for the job: its scratch table name is on every command line. */
    protected static void assertNoProcessOf(String jobId) {
        String scratch = FileImport.scratchTable(UUID.fromString(jobId));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(scratch))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList()).isEmpty();
    }

    /** No job files are left behind in the work directory. */
    protected static void assertNoStrayFiles() {
        Path work = Path.of("target/test-imports");
        try (var s = Files.list(work)) {
            assertThat(s.toList()).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
