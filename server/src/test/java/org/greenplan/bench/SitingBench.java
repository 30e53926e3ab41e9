package org.greenplan.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greenplan.siting.ExactCover;
import org.greenplan.siting.LazyGreedy;
import org.greenplan.siting.SitingPlan;
import org.greenplan.siting.service.SitingRequest;
import org.greenplan.siting.service.SitingService;
import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.Workspaces;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 补短板选址 on the scale-100 city (DESIGN.md §5): about 2,000 square 5,000 m² park candidates on a grid over the
 * 城镇开发边界 (control lines filtering them), park service coverage to 90 % in network mode. Prints the time of each
 * step (reading and demand, candidates and control lines, walked service areas, the land arrangement, the greedy)
 * beside OR-Tools CP-SAT on the same instance (the fewest sites, time-limited; then the best coverage with the
 * greedy's count), and the greedy/exact ratio. Goal: ≤ 30 s for the greedy run on 2 cores.
 * Run with {@code ./bench.sh siting} ({@code --candidates N}, {@code --target %}, {@code --exact-minutes M}).
 */
public final class SitingBench {

    public static void main(String[] args) throws Exception {
        int scale = 100, candidates = 2000, exactMinutes = 10;
        double target = 90;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[i + 1]);
                case "--candidates" -> candidates = Integer.parseInt(args[i + 1]);
                case "--target" -> target = Double.parseDouble(args[i + 1]);
                case "--exact-minutes" -> exactMinutes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path city = BenchCity.generate(scale);
        try (ConfigurableApplicationContext ctx = BenchCity.serve(city)) {
            run(ctx, scale, candidates, target, exactMinutes);
        }
        System.exit(0);
    }

    /** CPU time of the whole JVM (every thread, the common pool's included), ns. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The machine's load average over 1, 5 and 15 minutes (/proc/loadavg; NaN where there is none). */
    static double[] loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (java.io.IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    private static void run(ConfigurableApplicationContext ctx, int scale, int candidates, double target,
            int exactMinutes) {
        Workspace ws = ctx.getBean(Workspaces.class).require("demo");
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        SitingService service = ctx.getBean(SitingService.class);
        // the grid spacing that lays about `candidates` points over the development boundary
        double boundary = jdbc.queryForObject("""
                SELECT sum(ST_Area(geography(f.geom))) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.workspace_id = 'demo' AND l.kind = 'town_development_boundary'""", Double.class);
        double spacing = Math.sqrt(boundary / candidates);
        SitingRequest req = new SitingRequest(null, null, null, target, null, 2000, "grid", null, spacing, "large", "network", false, null, null)
                .checked();
        Map<String, Long> stages = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        long[] last = {System.nanoTime(), cpuNanos()};
        String[] stage = {"start"};
        SitingService.Progress progress = new SitingService.Progress() {
            public void at(int percent, String next) {
                long now = System.nanoTime();
                long used = cpuNanos();
                stages.put(stage[0], now - last[0]);
                cpu.put(stage[0], used - last[1]);
                last[0] = now;
                last[1] = used;
                stage[0] = next;
            }

            public boolean cancelled() {
                return false;
            }
        };
        Runtime rt = Runtime.getRuntime();
        double[] loadBefore = loadAverage();
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        SitingService.Prepared p = service.prepare(ws, req, progress);
        progress.at(80, "greedy");
        SitingPlan greedy = new LazyGreedy().reach(p.problem(), target / 100, req.maxSites());
        progress.at(100, "end");
        double totalS = (System.nanoTime() - t0) / 1e9;
        double totalCpu = (cpuNanos() - c0) / 1e9;
        double[] loadAfter = loadAverage();
        System.out.printf("%nscale-%d city, park service coverage to %.0f %% in network mode (heap max %d MB)%n", scale,
                target, rt.maxMemory() >> 20);
        System.out.printf("candidates: %,d on a %.0f m grid over the 城镇开发边界, %,d kept; excluded %s%n", p.made(),
                spacing, p.kept().size(), p.excluded());
        System.out.printf("demand units (faces of the remaining land): %,d; coverage today %.2f %%%n",
                p.problem().unitCount() - 2, 100 * p.problem().alreadyServed() / p.problem().total());
        if (p.problem().alreadyServed() >= target / 100 * p.problem().total()) {
            System.out.printf("the existing parks already reach the target: no site is needed (give --target above %.2f %%)%n",
                    100 * p.problem().alreadyServed() / p.problem().total());
        }
        stages.remove("start");
        System.out.printf("  %-40s %9s %9s%n", "stage", "wall", "CPU");
        stages.forEach((k, v) -> System.out.printf("  %-40s %7.2f s %7.2f s%n", k, v / 1e9, cpu.get(k) / 1e9));
        System.out.printf("  %-40s %7.2f s %7.2f s  (CPU: the whole JVM, every thread; %d cores)%n", "total", totalS,
                totalCpu, rt.availableProcessors());
        System.out.printf("load average (1, 5, 15 min) before %.2f %.2f %.2f, after %.2f %.2f %.2f%n", loadBefore[0],
                loadBefore[1], loadBefore[2], loadAfter[0], loadAfter[1], loadAfter[2]);
        System.out.printf("greedy: %d sites reach %.3f %% (target %s), lower bound on sites %s; total %.1f s "
                + "(goal ≤ 30 s); heap used %d MB%n", greedy.chosen().length, 100 * greedy.share(),
                greedy.reaches(target / 100) ? "reached" : "NOT reached",
                greedy.fewestPossible() == SitingPlan.UNREACHABLE ? "-" : greedy.fewestPossible(), totalS,
                (rt.totalMemory() - rt.freeMemory()) >> 20);

        long t = System.nanoTime();
        ExactCover exact = new ExactCover(Duration.ofMinutes(exactMinutes), rt.availableProcessors());
        try {
            SitingPlan best = exact.reach(p.problem(), target / 100, req.maxSites());
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("exact (CP-SAT, fewest sites, limit %d min): %d sites, %s, lower bound %d, %.1f s%n",
                    exactMinutes, best.chosen().length, best.proven() ? "proven optimal" : "not proven",
                    best.fewestPossible(), s);
            System.out.printf("greedy/exact sites: %d / %d = %.3f%n", greedy.chosen().length, best.chosen().length,
                    greedy.chosen().length / (double) Math.max(1, best.chosen().length));
        } catch (IllegalStateException e) {
            System.out.printf("exact (fewest sites): %s after %.1f s%n", e.getMessage(), (System.nanoTime() - t) / 1e9);
        }
        t = System.nanoTime();
        try {
            SitingPlan best = exact.maximize(p.problem(), greedy.chosen().length);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("exact (CP-SAT, best %d sites): %.4f %%, %s, bound %.4f %%, %.1f s; greedy/exact "
                    + "coverage %.5f%n", greedy.chosen().length, 100 * best.share(),
                    best.proven() ? "proven optimal" : "not proven", 100 * best.bestPossible() / best.total(), s,
                    greedy.served() / best.served());
        } catch (IllegalStateException e) {
            System.out.printf("exact (best k): %s after %.1f s%n", e.getMessage(), (System.nanoTime() - t) / 1e9);
        }
    }
}
