package org.greenplan.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.greenplan.GreenplanApplication;
import org.greenplan.ingest.GdalRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import benchmark (DESIGN.md §4): a generated zipped shapefile of N polygons (default 1,000,000; GBK
 * attributes MC 名称 / RKS 人口, CGCS2000 3-degree GK zone 40 with the zone number in the eastings,
 * EPSG:4528) imported end to end through the HTTP API (multipart upload, job polled to the end), beside
 * plain {@code ogr2ogr -f PostgreSQL} of the same file into a scratch table, in the same run. Also the
 * server's heap: peak used (sampled) and peak live after a collection. Goal: ≥ 50,000 features/s, ≤ 1.5×
 * plain ogr2ogr, server memory < 1 GiB (bench.sh runs this JVM with -Xmx1g). {@code ./bench.sh import}.
 */
public final class ImportBench {

    private static final String TOKEN = "bench-analyst-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int features = 1_000_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--features" -> features = Integer.parseInt(args[i + 1]);
                case "--scale" -> { } // bench.sh passes it to every benchmark; not used here
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path zip = generate(features);
        System.out.println("starting the server …");
        ConfigurableApplicationContext ctx = new SpringApplication(GreenplanApplication.class).run(
                "--server.port=0", "--greenplan.demo.load=false", "--greenplan.auth.analyst-tokens=" + TOKEN,
                "--greenplan.import.work-dir=target/bench-imports", "--logging.level.root=warn",
                // no z 12 overview builds in the background: they would compete with the plain ogr2ogr reference
                "--greenplan.tiles.overviews=false",
                "--logging.level.org.greenplan=info");
        try {
            run(ctx, zip, features);
        } finally {
            ctx.close();
        }
        System.exit(0);
    }

    /** The zipped shapefile, generated once (CSV with WKT → ogr2ogr → GBK shapefile) and cached. */
    static Path generate(int n) throws IOException, InterruptedException {
        Path dir = Path.of("target", "bench-data", "import-" + n);
        Path zip = dir.resolve("parcels-" + n + ".zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        System.out.printf("generating %,d polygons into %s …%n", n, zip);
        long t = System.nanoTime();
        Files.createDirectories(dir);
        Path csv = dir.resolve("parcels.csv");
        SplittableRandom random = new SplittableRandom(42);
        String[] names = {"幸福里小区", "西溪花园", "龙坞新村", "翠苑一区", "文新家园", "古荡湾", "蒋村花园", "五常港"};
        int side = (int) Math.ceil(Math.sqrt(n));
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("WKT,MC,RKS,BM\n");
            for (int i = 0; i < n; i++) {
                // 60 m cells around (40 490 000, 3 340 000): zone 40 (120°E), near Hangzhou
                double x = 40_470_000 + (i % side) * 60.0;
                double y = 3_320_000 + (i / side) * 60.0;
                double s = 20 + random.nextDouble() * 35;
                w.write("\"POLYGON((" + x + " " + y + "," + (x + s) + " " + y + "," + (x + s) + " " + (y + s) + "," + x
                        + " " + (y + s) + "," + x + " " + y + "))\"," + names[i % names.length] + (i / names.length)
                        + "号," + random.nextInt(50, 3000) + ",330106" + String.format("%06d", i % 1_000_000) + "\n");
            }
        }
        Path shp = dir.resolve("parcels.shp");
        run(List.of("ogr2ogr", "-f", "ESRI Shapefile", shp.toString(), csv.toString(), "-oo", "GEOM_POSSIBLE_NAMES=WKT",
                "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4528", "-nlt", "POLYGON",
                "-lco", "ENCODING=GBK", "-nln", "parcels"));
        Path tmp = dir.resolve("tmp.zip");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
                out.putNextEntry(new ZipEntry("parcels." + ext));
                Files.copy(dir.resolve("parcels." + ext), out);
                out.closeEntry();
            }
        }
        Files.move(tmp, zip);
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg", "csv")) {
            Files.deleteIfExists(dir.resolve("parcels." + ext));
        }
        System.out.printf("generated in %.1f s (%,d bytes zipped)%n", (System.nanoTime() - t) / 1e9, Files.size(zip));
        return zip;
    }

    private static void run(ConfigurableApplicationContext ctx, Path zip, int n) throws Exception {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        GdalRunner gdal = ctx.getBean(GdalRunner.class);
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        jdbc.update("DELETE FROM layer WHERE id = 'bench-import'");
        // only the owner may vacuum it (the server's runtime role may not)
        new JdbcTemplate(org.greenplan.ServerTestSupport.ownerDataSource(ctx.getEnvironment()))
                .execute("VACUUM layer_version");

        // 1. plain ogr2ogr of the same file into a scratch table (reprojected to 4326 like the import)
        List<String> plainCmd = List.of("ogr2ogr", "-f", "PostgreSQL", gdal.pgDatasource(), "/vsizip/" + zip.toAbsolutePath(),
                "-nln", "staging.bench_plain_ogr2ogr", "-overwrite", "-t_srs", "EPSG:4326", "-nlt", "PROMOTE_TO_MULTI",
                "--config", "PG_USE_COPY", "YES");
        long t0 = System.nanoTime();
        GdalRunner.Result plain = gdal.run(GdalRunner.Access.files(zip.getParent(), "ESRI Shapefile")
                .withDatabase(null), plainCmd, java.time.Duration.ofHours(1), null);
        double plainSeconds = (System.nanoTime() - t0) / 1e9;
        if (plain.exitCode() != 0) {
            throw new IllegalStateException("plain ogr2ogr failed: " + plain.output());
        }
        long plainRows = jdbc.queryForObject("SELECT count(*) FROM staging.bench_plain_ogr2ogr", Long.class);
        jdbc.execute("DROP TABLE staging.bench_plain_ogr2ogr");

        // 2. greenplan: multipart upload, then poll the job to its end, sampling the server's heap meanwhile
        HeapSampler heap = new HeapSampler();
        heap.start();
        HttpClient http = HttpClient.newHttpClient();
        String boundary = "----bench" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        for (String[] f : new String[][] {{"layer", "基准居住用地"}, {"kind", "residential"}, {"id", "bench-import"}}) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                    .append("\"\r\n\r\n").append(f[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(zip.getFileName()).append("\"\r\nContent-Type: application/zip\r\n\r\n");
        parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(parts.get(0)), HttpRequest.BodyPublishers.ofFile(zip),
                HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        long t1 = System.nanoTime();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/imports")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - t1) / 1e9;
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + submitted.statusCode() + " " + submitted.body());
        }
        String jobUrl = "http://localhost:" + port + "/api/v1/imports/" + JSON.readTree(submitted.body()).path("id").asString();
        JsonNode job;
        List<String> stages = new ArrayList<>();
        while (true) {
            job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(jobUrl)).header("Authorization",
                    "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
            String stage = job.path("percent").asInt() + "% " + job.path("stage").asString();
            if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
                stages.add(stage);
                System.out.printf("  %6.1f s  %s%n", (System.nanoTime() - t1) / 1e9, stage);
            }
            String state = job.path("state").asString();
            if (state.equals("succeeded") || state.equals("failed")) {
                break;
            }
            Thread.sleep(200);
        }
        double importSeconds = (System.nanoTime() - t1) / 1e9;
        // the search box's trigram index follows in the background (NameSearchIndexes): wait for it, for the record
        long t2 = System.nanoTime();
        ctx.getBean(org.greenplan.layer.NameSearchIndexes.class).buildMissing();
        double searchIndexSeconds = (System.nanoTime() - t2) / 1e9;
        heap.stop();
        if (!job.path("state").asString().equals("succeeded")) {
            throw new IllegalStateException("import failed: " + job);
        }
        long loaded = job.path("report").path("featuresLoaded").asLong();

        System.out.printf("%nimport of a zipped shapefile: %,d polygons, GBK attributes, EPSG:4528 (GK zone 40), %,d MB%n",
                n, Files.size(zip) >> 20);
        System.out.printf("%-52s %10s %12s%n", "", "time (s)", "features/s");
        System.out.printf("%-52s %10.1f %,12.0f%n", "greenplan POST /api/v1/imports, end to end (HTTP)", importSeconds,
                loaded / importSeconds);
        System.out.printf("%-52s %10.1f%n", "  of which the upload (multipart request → 202)", uploadSeconds);
        System.out.printf("%-52s %10.1f%n", "  then, in the background, the name-search index", searchIndexSeconds);
        System.out.printf("%-52s %10.1f %,12.0f%n", "plain ogr2ogr -f PostgreSQL (same file, -t_srs 4326)",
                plainSeconds, plainRows / plainSeconds);
        System.out.printf("ratio greenplan / plain ogr2ogr: %.2f×%n", importSeconds / plainSeconds);
        System.out.printf("features loaded %,d (plain ogr2ogr %,d), repaired %d, rejected %d; encoding %s, CRS %s%n",
                loaded, plainRows, job.path("report").path("featuresRepaired").asLong(),
                job.path("report").path("featuresRejected").asLong(),
                job.path("report").path("encoding").path("detected").asString(),
                job.path("report").path("crs").path("detected").asString());
        System.out.printf("server heap: peak used %,d MB (sampled), peak live after GC %,d MB, max %,d MB%n",
                heap.peakUsed.get() >> 20, heap.peakLive() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("goals: ≥ 50,000 features/s → %s; ≤ 1.5× plain ogr2ogr → %s; memory < 1 GiB → %s%n",
                loaded / importSeconds >= 50_000 ? "met" : "NOT met",
                importSeconds <= 1.5 * plainSeconds ? "met" : "NOT met",
                heap.peakUsed.get() < (1L << 30) ? "met" : "NOT met");
        jdbc.update("DELETE FROM layer WHERE id = 'bench-import'");
    }

    /** Samples the JVM's heap (this JVM runs the server) every 20 ms. */
    static final class HeapSampler {
        final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::sample, "heap-sampler");

        void start() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        private void sample() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long live = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                        live += p.getCollectionUsage().getUsed();
                    }
                }
                peakLive.accumulateAndGet(live, Math::max);
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The largest heap left after a collection, summed over the pools: what the server really kept. */
        long peakLive() {
            return peakLive.get();
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
