package org.greenplan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Feature query benchmark (DESIGN.md §4): bbox item requests returning ~1,000 road features of the
 * scale-100 city through the HTTP API, beside the same SELECT run directly over JDBC (the floor).
 * Goal: HTTP p50 < 50 ms. Run with {@code ./bench.sh features}.
 */
public final class FeatureQueryBench {

    private static final int WANTED = 1000;

    public static void main(String[] args) throws Exception {
        int scale = 100;
        int samples = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path city = BenchCity.generate(scale);
        try (ConfigurableApplicationContext ctx = BenchCity.serve(city)) {
            run(ctx, samples, scale);
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext ctx, int samples, int scale) throws Exception {
        LayerRepository layers = ctx.getBean(LayerRepository.class);
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Layer roads = layers.find("demo", "demo-road").orElseThrow(() -> new IllegalStateException("no demo-road layer"));
        Envelope extent = roads.current().extent();
        long count = roads.current().featureCount();
        // a square window that holds ~1,000 segments on average at this layer's density
        double side = Math.sqrt(extent.getArea() * WANTED / count);
        System.out.printf("layer demo-road: %,d features, window %.4f° (≈ %.0f m) for ~%d features%n",
                count, side, side * 111_000 * Math.cos(Math.toRadians(extent.centre().y)), WANTED);

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + BenchCity.port(ctx) + "/collections/demo-road/items?limit=" + WANTED + "&bbox=";
        String sql = """
                SELECT id, source_id, ST_AsGeoJSON(geom, 7) AS geometry, properties::text AS properties
                  FROM feature WHERE version_id = ? AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
                 ORDER BY id LIMIT ?""";
        Percentiles api = new Percentiles(samples);
        Percentiles floor = new Percentiles(samples);
        SplittableRandom random = new SplittableRandom(7);
        long returned = 0;
        for (int i = -20; i < samples; i++) { // the first 20 warm the JIT, the pool and PostgreSQL's cache
            double x = extent.getMinX() + random.nextDouble() * (extent.getWidth() - side);
            double y = extent.getMinY() + random.nextDouble() * (extent.getHeight() - side);
            String bbox = x + "," + y + "," + (x + side) + "," + (y + side);

            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + bbox)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
            }
            long t2 = System.nanoTime();
            int[] rows = {0};
            jdbc.query(sql, rs -> {
                rs.getString(3);
                rs.getString(4);
                rows[0]++;
            }, roads.current().id(), x, y, x + side, y + side, WANTED);
            long t3 = System.nanoTime();
            if (i >= 0) {
                api.add(t1 - t0);
                floor.add(t3 - t2);
                returned += rows[0];
            }
        }
        System.out.printf("%nbbox item queries, scale-%d city, %d random windows, mean %.0f features each%n",
                scale, samples, returned / (double) samples);
        System.out.printf("%-44s %10s %10s%n", "", "p50 (ms)", "p95 (ms)");
        System.out.printf("%-44s %10.1f %10.1f%n", "greenplan GET /collections/{id}/items (HTTP)", api.ms(0.5), api.ms(0.95));
        System.out.printf("%-44s %10.1f %10.1f%n", "same SELECT over JDBC (floor)", floor.ms(0.5), floor.ms(0.95));
        System.out.printf("goal: HTTP p50 < 50 ms → %s%n", api.ms(0.5) < 50 ? "met" : "NOT met");
    }
}
