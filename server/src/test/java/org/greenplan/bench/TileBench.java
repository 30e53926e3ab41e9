package org.greenplan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.tiles.TileAddress;
import org.greenplan.tiles.TileOverviews;
import org.greenplan.tiles.TileRepository;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Map tile benchmark (DESIGN.md §4): tiles at z 12–16 over the five layers of the scale-100 city the load test's map
 * shows (residential, roads, parks, construction land, facilities), fetched over loopback HTTP. Uncached latency per
 * format (one client, every tile asked once), ST_AsMVT alone
 * over JDBC for the same tiles (the floor), then cached throughput with several concurrent clients.
 * Goals: uncached p50 < 30 ms at z ≥ 12, cached ≥ 1,000 tiles/s. Run with {@code ./bench.sh tiles}.
 */
public final class TileBench {

    private static final String[] LAYERS = {"demo-residential", "demo-road", "demo-park", "demo-construction-land",
            "demo-facility"};
    // PNG first: a PNG is drawn from its tile's vector tile when that is cached, which would spare it the SQL
    private static final String[] FORMATS = {"png", "mvt"};

    record Job(String layer, long versionId, TileAddress tile, boolean overview) {
    }

    public static void main(String[] args) throws Exception {
        int scale = 100;
        int perZoom = 20;
        int clients = 4;
        double seconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[i + 1]);
                case "--per-zoom" -> perZoom = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path city = BenchCity.generate(scale);
        try (ConfigurableApplicationContext ctx = BenchCity.serve(city, true)) {
            run(ctx, perZoom, clients, seconds);
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext ctx, int perZoom, int clients, double seconds)
            throws Exception {
        LayerRepository layers = ctx.getBean(LayerRepository.class);
        TileRepository sql = ctx.getBean(TileRepository.class);
        // the overviews for z 12–13 are built in the background after start-up; time tiles only once they are ready
        long w0 = System.nanoTime();
        if (!ctx.getBean(TileOverviews.class).awaitIdle(30, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new IllegalStateException("overviews not built within 30 min");
        }
        System.out.printf("waited %.1f s for the z %s overviews; built (this run or before):%n",
                (System.nanoTime() - w0) / 1e9, TileOverviews.ZOOMS);
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        jdbc.query("""
                SELECT l.id, r.level, v.feature_count, r.geometries, r.vertices, r.build_ms
                  FROM feature_overview_ready r JOIN layer l ON l.current_version_id = r.version_id
                  JOIN layer_version v ON v.id = r.version_id ORDER BY r.build_ms DESC
                """, rs -> {
            System.out.printf("  %-32s z%d: %,9d features → %,7d geometries, %,9d vertices in %,7.1f s%n",
                    rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) / 1e3);
        });
        java.util.Set<String> withOverview = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT version_id || ':' || level FROM feature_overview_ready", String.class));
        List<Job> jobs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(12);
        for (String id : LAYERS) {
            Layer layer = layers.find("demo", id).orElseThrow(() -> new IllegalStateException("no layer " + id));
            Envelope e = layer.current().extent();
            System.out.printf("layer %s: %,d features%n", id, layer.current().featureCount());
            for (int z = 12; z <= 16; z++) {
                // distinct tiles: z 12 has only a few dozen over the city
                java.util.Set<TileAddress> picked = new java.util.LinkedHashSet<>();
                for (int attempt = 0; picked.size() < perZoom && attempt < 100 * perZoom; attempt++) {
                    double lon = e.getMinX() + random.nextDouble() * e.getWidth();
                    double lat = e.getMinY() + random.nextDouble() * e.getHeight();
                    picked.add(tile(lon, lat, z));
                }
                for (TileAddress t : picked) {
                    jobs.add(new Job(id, layer.current().id(), t,
                            withOverview.contains(layer.current().id() + ":" + z)));
                }
            }
        }
        String base = "http://localhost:" + BenchCity.port(ctx) + "/tiles/";
        HttpClient http = client();

        // warm the JIT on tiles never measured (z 17 corners of measured tiles), PostgreSQL's buffers on all of them
        for (int i = 0; i < 30; i++) {
            Job j = jobs.get(i * 7 % jobs.size());
            int shift = 17 - j.tile().z();
            TileAddress t = new TileAddress(17, j.tile().x() << shift, j.tile().y() << shift);
            sql.mvt(j.versionId(), j.layer(), t);
            for (String f : FORMATS) {
                fetch(http, base + j.layer() + "/" + t + "." + f);
            }
        }
        for (Job j : jobs) {
            sql.mvt(j.versionId(), j.layer(), j.tile(), j.overview()); // the data pages of the measured tiles, too
        }

        // uncached: every (tile, format) exactly once, one client, so latency is not queueing
        TreeMap<String, Percentiles> uncached = new TreeMap<>();
        long bytes = 0;
        for (String f : FORMATS) {
            Percentiles all = uncached.computeIfAbsent(f + " all z", k -> new Percentiles(jobs.size()));
            for (Job j : jobs) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = fetch(http, base + j.layer() + "/" + j.tile() + "." + f);
                long ns = System.nanoTime() - t0;
                if (!"miss".equals(r.headers().firstValue("X-Tile-Cache").orElse(""))) {
                    throw new IllegalStateException("expected an uncached tile: " + j);
                }
                bytes += r.body().length;
                all.add(ns);
                uncached.computeIfAbsent(f + " z" + j.tile().z(), k -> new Percentiles(jobs.size())).add(ns);
                uncached.computeIfAbsent(f + " " + j.layer() + " z" + j.tile().z(), k -> new Percentiles(jobs.size()))
                        .add(ns);
            }
        }
        TreeMap<String, Percentiles> floor = new TreeMap<>();
        Percentiles floorAll = new Percentiles(jobs.size());
        for (Job j : jobs) {
            long t0 = System.nanoTime();
            sql.mvt(j.versionId(), j.layer(), j.tile(), j.overview()); // what the server runs for this tile
            long ns = System.nanoTime() - t0;
            floorAll.add(ns);
            floor.computeIfAbsent("z" + j.tile().z(), k -> new Percentiles(jobs.size())).add(ns);
            if (j.overview()) { // the same tile by the live query, for comparison
                long l0 = System.nanoTime();
                sql.mvt(j.versionId(), j.layer(), j.tile(), false);
                floor.computeIfAbsent("live z" + j.tile().z(), k -> new Percentiles(jobs.size()))
                        .add(System.nanoTime() - l0);
            }
        }

        // cached: the same tiles again and again from several clients
        List<String> urls = new ArrayList<>();
        for (Job j : jobs) {
            for (String f : FORMATS) {
                urls.add(base + j.layer() + "/" + j.tile() + "." + f);
            }
        }
        // a first round of the same length is not counted: the server's cached path (Tomcat, MVC, the cache) is
        // still being compiled after the few hundred uncached requests, and the count was ~40% low without it
        hammer(urls, clients, seconds, new AtomicLong(), new AtomicLong());
        AtomicLong served = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        java.util.Map<Long, Long> requestCpuStart = requestThreadCpu();
        long start = System.nanoTime();
        hammer(urls, clients, seconds, served, clientCpu);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuPerTile = (os.getProcessCpuTime() - cpuStart) / 1e3 / Math.max(1, served.get());
        long requestCpu = 0;
        for (var e : requestThreadCpu().entrySet()) {
            requestCpu += e.getValue() - requestCpuStart.getOrDefault(e.getKey(), 0L);
        }
        double requestCpuPerTile = requestCpu / 1e3 / Math.max(1, served.get());

        System.out.printf("%nload average (1, 5, 15 min) at the end: %s (2 cores, shared)%n",
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" (?=\\d+/)")[0]);
        System.out.printf("%d tiles (%d per zoom per layer, z 12–16, random over each layer's extent), "
                + "%.1f MB uncached%n", jobs.size(), perZoom, bytes / 1e6);
        System.out.printf("%-40s %10s %10s%n", "uncached, one client", "p50 (ms)", "p95 (ms)");
        for (String f : FORMATS) {
            Percentiles p = uncached.get(f + " all z");
            System.out.printf("%-40s %10.1f %10.1f%n", "GET /tiles/…/{z}/{x}/{y}." + f + " (HTTP)", p.ms(0.5), p.ms(0.95));
        }
        System.out.printf("%-40s %10.1f %10.1f%n", "ST_AsMVT alone over JDBC (floor)", floorAll.ms(0.5), floorAll.ms(0.95));
        System.out.printf("%nper zoom, p50 / p95 ms:%n%-6s %16s %16s %16s%n", "zoom", "mvt HTTP", "png HTTP", "ST_AsMVT SQL");
        for (int z = 12; z <= 16; z++) {
            Percentiles m = uncached.get("mvt z" + z);
            Percentiles p = uncached.get("png z" + z);
            Percentiles s = floor.get("z" + z);
            System.out.printf("%-6s %7.1f / %6.1f %7.1f / %6.1f %7.1f / %6.1f%n", "z" + z, m.ms(0.5), m.ms(0.95),
                    p.ms(0.5), p.ms(0.95), s.ms(0.5), s.ms(0.95));
        }
        // the slowest tiles make a mix's p95 (the load test asks every layer and zoom alike)
        for (String f : FORMATS) {
            System.out.printf("%n%s per layer, p50 / p95 ms:%n%-24s", f.toUpperCase(java.util.Locale.ROOT), "layer");
            for (int z = 12; z <= 16; z++) {
                System.out.printf(" %15s", "z" + z);
            }
            for (String layer : LAYERS) {
                System.out.printf("%n%-24s", layer);
                for (int z = 12; z <= 16; z++) {
                    Percentiles p = uncached.get(f + " " + layer + " z" + z);
                    System.out.printf(" %15s", p == null ? "–" : String.format("%.1f / %.1f", p.ms(0.5), p.ms(0.95)));
                }
            }
            System.out.println();
        }
        for (int z : TileOverviews.ZOOMS) {
            Percentiles live = floor.get("live z" + z);
            if (live != null) {
                System.out.printf("z%d tiles by the live query instead of the overview: ST_AsMVT %.1f / %.1f ms%n", z,
                        live.ms(0.5), live.ms(0.95));
            }
        }
        double rate = served.get() / elapsed;
        System.out.printf("%ncached: %,d tiles in %.1f s by %d clients = %,.0f tiles/s%n", served.get(), elapsed,
                clients, rate);
        // CPU per tile does not depend on what else the shared machine runs; it includes the load clients
        System.out.printf("cached CPU per tile (this JVM: server + load clients): %.0f µs, of which the client "
                + "threads' own %.0f µs → %,.0f tiles/s per free core%n", cpuPerTile,
                clientCpu.get() / 1e3 / Math.max(1, served.get()), 1e6 / cpuPerTile);
        // the server's own work per cached tile, without the JIT, the collector and whatever else the JVM does then
        System.out.printf("cached CPU per tile on the server's request threads (http-nio-*): %.0f µs%n",
                requestCpuPerTile);
        double worst = 0; // the goal holds at every zoom, not just over all of them
        for (int z = 12; z <= 16; z++) {
            for (String f : FORMATS) {
                worst = Math.max(worst, uncached.get(f + " z" + z).ms(0.5));
            }
        }
        System.out.printf("goal: uncached p50 < 30 ms at every z ≥ 12 (worst %.1f ms) → %s; cached ≥ 1,000 tiles/s → %s%n",
                worst,
                worst < 30 ? "met" : "NOT met", rate >= 1000 ? "met" : "NOT met");
    }

    private static TileAddress tile(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double phi = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
        return new TileAddress(z, x, y);
    }

    /** CPU time so far of each of Tomcat's request threads, by thread id. */
    private static java.util.Map<Long, Long> requestThreadCpu() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio-")) {
                cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    /** Plain HTTP/1.1 keep-alive, as tile clients use; no h2c upgrade offer on each new connection. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpResponse<byte[]> fetch(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 && r.statusCode() != 204) {
            throw new IllegalStateException(url + ": HTTP " + r.statusCode());
        }
        return r;
    }

    /** {@code clients} threads fetching the (cached) urls round and round for {@code seconds}. */
    private static void hammer(List<String> urls, int clients, double seconds, AtomicLong served, AtomicLong clientCpu)
            throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 7;
            running.add(pool.submit(() -> {
                HttpClient own = client();
                for (int i = offset; System.nanoTime() < until; i++) {
                    // every byte crosses the socket, but the client keeps none: on these 2 shared cores
                    // copying 60 KB tiles into arrays was the load client's work, not the server's
                    HttpResponse<Void> r = own.send(HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (!"hit".equals(r.headers().firstValue("X-Tile-Cache").orElse(""))) {
                        throw new IllegalStateException("expected a cached tile: HTTP " + r.statusCode());
                    }
                    served.incrementAndGet();
                }
                clientCpu.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
    }
}
