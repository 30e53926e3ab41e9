package org.greenplan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GeoJson;
import org.greenplan.kind.LayerKind;
import org.greenplan.indicator.ControlLines;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.ProjectCheck;
import org.greenplan.indicator.TestGeo;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Benchmark, not a test: one 50 ha project checked against county-like control lines — 20,000 farmland
 * patches (irregular 24-gons, 1–6 ha), 40 red-line polygons of 4,000 vertices each and a development
 * boundary of 20,000 vertices, over ≈ 40 km. Prints index build time and per-check latency.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<deps> org.greenplan.bench.ControlLinesBench}
 */
public final class ControlLinesBench {

    public static void main(String[] args) {
        Random rnd = new Random(7);
        List<Feature> farmland = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            farmland.add(TestGeo.feature("f" + i, blob(rnd, rnd.nextDouble() * 40_000, rnd.nextDouble() * 40_000,
                    60 + rnd.nextDouble() * 80, 24)));
        }
        List<Feature> redLine = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            redLine.add(TestGeo.feature("r" + i, blob(rnd, rnd.nextDouble() * 40_000, rnd.nextDouble() * 40_000,
                    1500 + rnd.nextDouble() * 1500, 4000)));
        }
        List<Feature> boundary = List.of(TestGeo.feature("b", blob(rnd, 20_000, 20_000, 12_000, 20_000)));
        Layers layers = Layers.builder().add(LayerKind.PERMANENT_FARMLAND, farmland)
                .add(LayerKind.ECOLOGICAL_RED_LINE, redLine).add(LayerKind.TOWN_DEVELOPMENT_BOUNDARY, boundary).build();

        long t0 = System.nanoTime();
        ControlLines lines = ControlLines.of(layers);
        System.out.printf("index build: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        int n = 2000;
        List<Geometry> projects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 5_000 + rnd.nextDouble() * 30_000, y = 5_000 + rnd.nextDouble() * 30_000;
            projects.add(blob(rnd, x, y, 399, 32)); // ≈ 50 ha
        }
        double[] ms = new double[n];
        double conflicts = 0;
        for (int round = 0; round < 2; round++) { // first round warms the JIT and the lazy prepared indexes
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                ProjectCheck c = lines.check(projects.get(i));
                ms[i] = (System.nanoTime() - s) / 1e6;
                conflicts += c.overlap("permanent_farmland").area();
            }
        }
        Arrays.sort(ms);
        System.out.printf("project check (≈50 ha, %d projects): p50 %.2f ms, p99 %.2f ms, max %.2f ms (checksum %.0f)%n",
                n, ms[n / 2], ms[(int) (n * 0.99)], ms[n - 1], conflicts);
    }

    /** A star-shaped irregular polygon around (x, y) in metres, as lon/lat. */
    private static Geometry blob(Random rnd, double x, double y, double r, int vertices) {
        Coordinate[] cs = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double a = 2 * Math.PI * i / vertices;
            double rr = r * (0.85 + 0.15 * Math.sin(7 * a) + 0.02 * rnd.nextDouble());
            cs[i] = new Coordinate(TestGeo.ORIGIN[0] + x + rr * Math.cos(a), TestGeo.ORIGIN[1] + y + rr * Math.sin(a));
        }
        cs[vertices] = cs[0];
        return TestGeo.ZONE.toLonLat(GeoJson.WGS84.createPolygon(cs));
    }
}
