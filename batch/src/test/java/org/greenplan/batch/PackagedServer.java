package org.greenplan.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The server as users run it: the packaged jar ({@code server/target/greenplan.jar}, built by the server module's
 * {@code package} phase, which the reactor runs before this module's tests) in a process of its own on the test
 * database, spoken to over HTTP only. Its own JVM keeps Spring Boot off the Spark test's classpath. Its log goes
 * to {@code batch/target/<name>.log}.
 */
final class PackagedServer implements AutoCloseable {

    static final Path JAR = Path.of("../server/target/greenplan.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PackagedServer(Process process, int port, Path log, String token) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.token = token;
    }

    /**
     * Starts the jar against {@code dbUrl} with the database roles of the environment ({@code ./test.sh} exports
     * them; the owner migrates, as with {@code run.sh}) and a fresh admin token. Refuses a jar older than the
     * server's, the engine's or the web app's sources: it would be another server than the one under test.
     */
    static PackagedServer start(String name, String dbUrl) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath().normalize() + " is missing: this test compares with "
                    + "the packaged server; package it in the same build (./test.sh -pl engine,server,batch)");
        }
        String stale = newerThanJar(Path.of("../server/src/main"), Path.of("../engine/src/main"));
        if (stale != null) {
            throw new IllegalStateException(JAR + " is older than " + stale + ": package the server in the same build "
                    + "(./test.sh -pl engine,server,batch)");
        }
        int port = freePort();
        Path dir = Path.of("target", name).toAbsolutePath();
        Path log = Path.of("target", name + ".log");
        String token = UUID.randomUUID().toString();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().normalize().toString(),
                "--server.port=" + port, "--greenplan.demo.load=false", "--greenplan.tiles.overviews=false",
                "--greenplan.map.basemap=none", "--greenplan.import.work-dir=" + dir.resolve("imports"),
                "--greenplan.network.graph-dir=" + dir.resolve("graphs"),
                "--greenplan.auth.fingerprint-secret-file=" + dir.resolve("fingerprint-secret"));
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GREENPLAN_DB_URL", dbUrl);
            pb.environment().put("GREENPLAN_ADMIN_TOKEN", token);
            PackagedServer s = new PackagedServer(pb.start(), port, log, token);
            s.awaitReady(Duration.ofMinutes(3));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with the admin token. */
    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET, asked again after the Retry-After while the server answers 503 (its slots busy), for up to 3 minutes. */
    Reply getRetryingWhenBusy(String path) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        Reply r = get(path);
        while (r.status() == 503 && System.nanoTime() < deadline) {
            sleep(5_000);
            r = get(path);
        }
        return r;
    }

    /** POST of a JSON body with the admin token. */
    Reply postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * {@code POST path} as multipart/form-data: the text fields ({@code name, value, …}) and {@code file} as
     * the part {@code file}, as the upload wizard sends it.
     */
    Reply postFile(String path, Path file, String... fields) {
        String boundary = "----province" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/geo+json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        try {
            parts.add(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() + "; server log " + log + ":\n" + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process ended on start; see " + log + "\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 503) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the server did not start within " + limit + "; see " + log + "\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first source file changed after the jar was built, or null. */
    private static String newerThanJar(Path... roots) {
        try {
            FileTime built = Files.getLastModifiedTime(JAR);
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    var newer = files.filter(Files::isRegularFile).filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).compareTo(built) > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst();
                    if (newer.isPresent()) {
                        return newer.get().toString();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
