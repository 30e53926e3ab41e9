package org.greenplan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.network.EdgeSnapper;
import org.greenplan.network.Isochrone;
import org.greenplan.network.LifeCircle;
import org.greenplan.network.LifeCircleResult;
import org.greenplan.network.WalkGraph;
import org.greenplan.network.WalkGraphBuilder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Benchmark, not a test (DESIGN.md §4): a synthetic grid city of 501 × 501 junctions 100 m apart
 * (501 000 edges, 50 km square), built from 1 002 two-point streets so every junction comes from noding;
 * 10 facility categories (15 000 facilities), 100 000 parcels of 40 × 40 m. Prints build time and memory,
 * a full life-circle evaluation (all 10 categories at 15 min) and isochrone latency over 200 random origins.
 * Facilities are sparse for a 2 500 km² city, so the coverage shares printed are near zero: this measures
 * time, not a plausible city. (2026-11-23, 2 cores: build 2.1 s, 35 MB; life circle 2.8–3.8 s; isochrone
 * 1000 m p50 44 ms, p95 66 ms. On a 47 m grid the isochrone p50 is ≈ 130 ms: see Isochrone.)
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<deps> org.greenplan.bench.WalkNetworkBench}
 */
public final class WalkNetworkBench {

    private static final GaussKrugerZone ZONE = GaussKrugerZone.of(40);
    private static final GeometryFactory GF = new GeometryFactory();
    private static final int N = 501;
    private static final double SPACING = 100;

    public static void main(String[] args) {
        Random rnd = new Random(42);
        double[] o = ZONE.project(120, 30);
        double size = (N - 1) * SPACING;

        List<Feature> roads = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            roads.add(line(o, 0, i * SPACING, size, i * SPACING));
            roads.add(line(o, i * SPACING, 0, i * SPACING, size));
        }
        int[] counts = {200, 500, 1000, 2000, 3000, 400, 800, 1500, 2500, 3100};
        List<Feature> facilities = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                Geometry p = GF.createPoint(new Coordinate(o[0] + rnd.nextDouble() * size, o[1] + rnd.nextDouble() * size));
                facilities.add(new Feature("f" + c + "_" + k, ZONE.toLonLat(p), Map.of("category", "c" + c)));
            }
        }
        List<Feature> parcels = new ArrayList<>();
        for (int k = 0; k < 100_000; k++) {
            double x = o[0] + rnd.nextInt(N - 1) * SPACING + 10 + rnd.nextDouble() * 50;
            double y = o[1] + rnd.nextInt(N - 1) * SPACING + 10 + rnd.nextDouble() * 50;
            Coordinate[] cs = {new Coordinate(x, y), new Coordinate(x + 40, y), new Coordinate(x + 40, y + 40),
                    new Coordinate(x, y + 40), new Coordinate(x, y)};
            parcels.add(new Feature("p" + k, ZONE.toLonLat(GF.createPolygon(cs)),
                    Map.of("population", 50 + rnd.nextInt(1950))));
        }
        Map<String, List<String>> levels = new LinkedHashMap<>();
        levels.put("5min", List.of("c0", "c1", "c2", "c3"));
        levels.put("10min", List.of("c4", "c5", "c6"));
        levels.put("15min", List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"));

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        WalkGraph g = new WalkGraphBuilder().build(roads);
        long buildMs = ms(t0);
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("graph: %s%n", g.stats());
        System.out.printf("build %d ms; arrays %.1f MB; heap growth incl. thread scratch %.1f MB%n", buildMs,
                g.stats().memoryBytes() / 1e6, (heapAfter - heapBefore) / 1e6);

        t0 = System.nanoTime();
        new EdgeSnapper(g).snap(o[0], o[1]); // builds the segment index once per graph
        System.out.printf("segment index build %d ms%n", ms(t0));

        for (int run = 1; run <= 3; run++) {
            t0 = System.nanoTime();
            LifeCircleResult r = new LifeCircle(g).evaluate(facilities, parcels, levels);
            long lcMs = ms(t0);
            System.out.printf("life circle run %d: %d ms (10 categories, %d parcels); coverage %s%n", run, lcMs,
                    r.parcels().size(), r.levels().stream()
                            .map(l -> l.level() + "=" + String.format("%.3f", l.populationShare())).toList());
        }

        Isochrone iso = new Isochrone(g);
        List<Geometry> origins = new ArrayList<>();
        for (int k = 0; k < 250; k++) {
            origins.add(ZONE.toLonLat(GF.createPoint(new Coordinate(o[0] + 2000 + rnd.nextDouble() * (size - 4000),
                    o[1] + 2000 + rnd.nextDouble() * (size - 4000)))));
        }
        latency("isochrone 15 min (1000 m)", iso, origins, 1000);
        latency("isochrone 5/10/15 min (300/500/1000 m, one call)", iso, origins, 300, 500, 1000);
    }

    private static void latency(String label, Isochrone iso, List<Geometry> origins, double... distances) {
        for (int k = 0; k < 50; k++) { // warm-up
            iso.from(List.of(origins.get(k)), distances);
        }
        double[] t = new double[200];
        for (int k = 0; k < 200; k++) {
            long t0 = System.nanoTime();
            iso.from(List.of(origins.get(50 + k)), distances);
            t[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", label, t[100], t[190], t[199]);
    }

    private static Feature line(double[] o, double x0, double y0, double x1, double y1) {
        Geometry l = GF.createLineString(new Coordinate[] {new Coordinate(o[0] + x0, o[1] + y0),
                new Coordinate(o[0] + x1, o[1] + y1)});
        return new Feature(null, ZONE.toLonLat(l), new HashMap<>(Map.of("class", "branch")));
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
