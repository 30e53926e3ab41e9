package org.greenplan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Report benchmark (issue 17): Word and PDF reports of the demo town ({@code gis-data/demo}) over loopback
 * HTTP, against the goal of ≤ 5 s per report. Three figures: the first report after start-up (it builds the
 * walking graph and renders every tile), a report of each admin area (every indicator computed afresh, graph
 * kept), and a report whose indicator runs are cached (the documents and maps alone). Run with
 * {@code ./bench.sh report}; its own database, {@code greenplan_bench_report}.
 */
public final class ReportBench {

    private static final double GOAL_S = 5;

    public static void main(String[] args) throws Exception {
        int repeats = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> { } // bench.sh passes one; the demo town has its own
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (ConfigurableApplicationContext ctx = BenchCity.serve(Path.of("gis-data", "demo"))) {
            run("http://localhost:" + BenchCity.port(ctx) + "/api/v1/workspaces/demo", repeats);
        }
        System.exit(0);
    }

    private static void run(String base, int repeats) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String q = "?targets=zhejiang-beautiful-towns&year=2025";
        System.out.printf("%nreports of the demo town, heap max %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        double first = time(http, base + "/report.pdf" + q);
        System.out.printf("first report after start-up (walking graph built, every indicator and tile made): PDF %.2f s"
                + "   goal ≤ %.0f s%n", first, GOAL_S);
        List<String> areas = List.of("330110001201", "330110001002", "330110001203", "330110001204", "330110001005",
                "330110001206");
        List<Double> fresh = new ArrayList<>();
        for (String area : areas) {
            fresh.add(time(http, base + "/report.docx" + q + "&area=" + area));
        }
        fresh.sort(null);
        System.out.printf("a new scope (each of %d admin areas; all indicators computed, graph kept): Word p50 %.2f s, "
                + "max %.2f s   goal ≤ %.0f s%n", fresh.size(), fresh.get(fresh.size() / 2), fresh.get(fresh.size() - 1), GOAL_S);
        for (String format : List.of("docx", "pdf")) {
            List<Double> cached = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                cached.add(time(http, base + "/report." + format + q));
            }
            cached.sort(null);
            System.out.printf("whole town, indicator runs cached (documents and maps only), %s: p50 %.2f s, max %.2f s"
                    + "   goal ≤ %.0f s%n", format, cached.get(cached.size() / 2), cached.get(cached.size() - 1), GOAL_S);
        }
        double compare = time(http, base + "/report.pdf" + q + "&area=330110001002&compareArea=330110001005");
        System.out.printf("comparison of two areas (both cached), PDF: %.2f s   goal ≤ %.0f s%n", compare, GOAL_S);
    }

    private static double time(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        double s = (System.nanoTime() - t) / 1e9;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + url + ": " + new String(r.body()));
        }
        return s;
    }
}
