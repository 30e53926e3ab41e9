package org.greenplan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.ParkServiceCoverage;
import org.greenplan.indicator.TestGeo;

/**
 * Benchmark, not a test (DESIGN.md §4): a synthetic grid city of 100,000 square residential parcels
 * (90 m blocks on a 110 m grid, ≈ 35 km across) and 2,000 parks of 1,000–40,000 m² at random places,
 * in lon/lat around 120°E 30°N. Prints the engine time (projection included, input generation not).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.greenplan.bench.ParkServiceCoverageBench}
 */
public final class ParkServiceCoverageBench {

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int side = 317; // 317² ≈ 100,489 parcels
        double pitch = 110, block = 90;
        List<Feature> parcels = new ArrayList<>(side * side);
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double x = i * pitch, y = j * pitch;
                parcels.add(TestGeo.feature("r" + i + "_" + j, TestGeo.rect(x, y, x + block, y + block),
                        "population", 800));
            }
        }
        Random rnd = new Random(42);
        List<Feature> parks = new ArrayList<>();
        double extent = side * pitch;
        for (int k = 0; k < 2000; k++) {
            double s = Math.sqrt(1000 + rnd.nextDouble() * 39_000);
            double x = rnd.nextDouble() * extent, y = rnd.nextDouble() * extent;
            parks.add(TestGeo.feature("p" + k, TestGeo.rect(x, y, x + s, y + s)));
        }
        Layers layers = Layers.builder().add(LayerKind.RESIDENTIAL, parcels).add(LayerKind.PARK, parks).build();
        ParkServiceCoverage indicator = new ParkServiceCoverage();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        for (int run = 0; run < runs; run++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            IndicatorResult r = indicator.compute(layers);
            times[run] = (System.nanoTime() - t0) / 1_000_000;
            cpu[run] = (processCpuNanos() - c0) / 1_000_000;
            System.out.printf("run %d: %d parcels, %d parks -> %.2f%% (population %.2f%%) in %d ms wall, %d ms CPU%n",
                    run + 1, parcels.size(), parks.size(), r.value(),
                    r.measure("population_weighted").orElseThrow().value(), times[run], cpu[run]);
        }
        // The first runs include JIT compilation; a server runs warm.
        long[] warm = java.util.Arrays.copyOfRange(times, Math.min(2, runs - 1), runs);
        java.util.Arrays.sort(warm);
        long[] warmCpu = java.util.Arrays.copyOfRange(cpu, Math.min(2, runs - 1), runs);
        java.util.Arrays.sort(warmCpu);
        // On a shared machine wall time depends on the neighbours; CPU time (all threads, GC included) does not.
        System.out.printf("engine time, warm: wall min %d / median %d ms; process CPU min %d / median %d ms (%d cores, load %.1f)%n",
                warm[0], warm[warm.length / 2], warmCpu[0], warmCpu[warmCpu.length / 2],
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
