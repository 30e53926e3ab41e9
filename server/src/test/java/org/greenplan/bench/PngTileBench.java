package org.greenplan.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.greenplan.kind.LayerKind;
import org.greenplan.tiles.TileAddress;
import org.greenplan.tiles.TileRenderer;
import org.greenplan.tiles.TileRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Where a PNG tile's time goes, without HTTP: for the five layers the load test's map shows, random tiles z 12–16
 * inside each layer's extent, the vector tile the server draws from (its overview at z 12–13 when ready) read once
 * over JDBC, then (after a pass that warms the JIT on all of them) drawn and encoded in a loop: the median of
 * {@code --rounds} per tile, p50 / p95 over the tiles.
 * Reads the loaded city only, in read-only transactions; no server is started. Run with {@code ./bench.sh png}.
 */
public final class PngTileBench {

    private static final String[] LAYERS = {"demo-residential", "demo-road", "demo-park", "demo-construction-land",
            "demo-facility"};

    public static void main(String[] args) throws Exception {
        int perZoom = 20;
        int rounds = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--per-zoom" -> perZoom = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--scale" -> { } // bench.sh passes it; the database is the scale's already
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Properties p = new Properties();
        p.setProperty("user", System.getenv("GREENPLAN_DB_USER"));
        p.setProperty("password", System.getenv("GREENPLAN_DB_PASSWORD"));
        p.setProperty("options", "-c default_transaction_read_only=on");
        DriverManagerDataSource ds = new DriverManagerDataSource(System.getenv("GREENPLAN_DB_URL"), p);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TileRepository tiles = new TileRepository(jdbc);
        TileRenderer renderer = new TileRenderer(TileRepository.EXTENT);
        SplittableRandom random = new SplittableRandom(12);
        record Sample(String layer, int z, boolean overview, LayerKind.Style style, List<byte[]> vectors) {
        }
        List<Sample> samples = new ArrayList<>();
        for (String id : LAYERS) {
            var row = jdbc.queryForMap("""
                    SELECT l.kind, v.id, v.min_x, v.min_y, v.max_x, v.max_y,
                           (SELECT coalesce(bit_or(1 << r.level), 0) FROM feature_overview_ready r WHERE r.version_id = v.id) AS ov
                      FROM layer l JOIN layer_version v ON v.id = l.current_version_id WHERE l.workspace_id = 'demo' AND l.id = ?
                    """, id);
            LayerKind.Style style = LayerKind.fromId((String) row.get("kind")).orElseThrow().style();
            long version = ((Number) row.get("id")).longValue();
            int overviews = ((Number) row.get("ov")).intValue();
            double x0 = ((Number) row.get("min_x")).doubleValue(), y0 = ((Number) row.get("min_y")).doubleValue();
            double x1 = ((Number) row.get("max_x")).doubleValue(), y1 = ((Number) row.get("max_y")).doubleValue();
            for (int z = 12; z <= 16; z++) {
                Set<TileAddress> picked = new LinkedHashSet<>();
                for (int a = 0; picked.size() < perZoom && a < 100 * perZoom; a++) {
                    picked.add(tile(x0 + random.nextDouble() * (x1 - x0), y0 + random.nextDouble() * (y1 - y0), z));
                }
                boolean overview = (overviews & (1 << z)) != 0;
                List<byte[]> vectors = new ArrayList<>();
                for (TileAddress t : picked) {
                    byte[] v = tiles.drawable(version, t, overview);
                    if (v.length > 0) {
                        vectors.add(v);
                    }
                }
                samples.add(new Sample(id, z, overview, style, vectors));
            }
        }
        // the JIT compiles the drawing and encoding on every sample before any is timed
        for (Sample sample : samples) {
            for (byte[] v : sample.vectors()) {
                for (int r = 0; r < 3; r++) {
                    TileRenderer.png(renderer.draw(v, sample.style()));
                }
            }
        }
        System.out.printf("%-24s %-4s %6s %8s | %14s %14s %14s%n", "layer", "z", "tiles", "MVT KB", "draw p50/p95",
                "encode p50/p95", "PNG KB p50");
        for (Sample sample : samples) {
            List<byte[]> vectors = sample.vectors();
            if (vectors.isEmpty()) {
                continue;
            }
            Percentiles draw = new Percentiles(vectors.size());
            Percentiles encode = new Percentiles(vectors.size());
            Percentiles pngKb = new Percentiles(vectors.size());
            long mvtBytes = 0;
            for (byte[] v : vectors) {
                mvtBytes += v.length;
                long[] d = new long[rounds];
                long[] e = new long[rounds];
                int size = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    var image = renderer.draw(v, sample.style());
                    long t1 = System.nanoTime();
                    size = TileRenderer.png(image).length;
                    d[r] = t1 - t0;
                    e[r] = System.nanoTime() - t1;
                }
                java.util.Arrays.sort(d);
                java.util.Arrays.sort(e);
                draw.add(d[rounds / 2]);
                encode.add(e[rounds / 2]);
                pngKb.add(size * 1_000_000L / 1024);
            }
            System.out.printf("%-24s z%-3d %6d %8.1f | %6.2f / %5.2f %6.2f / %5.2f %14.1f%s%n", sample.layer(), sample.z(),
                    vectors.size(), mvtBytes / 1024.0 / vectors.size(), draw.ms(0.5), draw.ms(0.95), encode.ms(0.5),
                    encode.ms(0.95), pngKb.ms(0.5), sample.overview() ? "  (overview)" : "");
        }
        System.out.printf("load average: %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }

    private static TileAddress tile(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double phi = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
        return new TileAddress(z, x, y);
    }
}
