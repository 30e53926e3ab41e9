package org.greenplan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load run's figures beside issue 16's goals: per request type the throughput, p50/p95/p99 and errors from
 * Gatling's report (its {@code js/stats.js}; percentiles 1–4 are Gatling's default 50/75/95/99), the errors by
 * message (the console's last table: a 503 is the admission control's designed refusal, anything else counts),
 * and the server's heap from {@code jstat -gc} samples taken every second.
 *
 * <p>Run by scripts/load-test.sh as a single-file program: {@code java -cp … LoadReport.java reportDir heap.txt
 * gatling.log "heap options" "server status"}.
 */
public final class LoadReport {

    private LoadReport() {
    }

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        JsonNode all = stats(report.resolve("js/stats.js"));
        System.out.println();
        System.out.println("greenplan under load (Gatling BureauDay), report " + report.resolve("index.html"));
        System.out.printf(Locale.ROOT, "%-44s %8s %7s %6s %8s %8s %8s  %s%n", "request", "count", "KO", "req/s",
                "p50 ms", "p95 ms", "p99 ms", "goal");
        row("all requests", all.path("stats"), "");
        List<String> failures = new ArrayList<>();
        for (JsonNode r : all.path("contents")) {
            JsonNode s = r.path("stats");
            String name = s.path("name").asText();
            String goal = "";
            double p95 = s.path("percentiles3").path("ok").asDouble();
            if (name.startsWith("tile")) {
                goal = verdict(p95 < 100, "p95 < 100 ms");
            } else if (name.equals("indicator cached")) {
                goal = verdict(p95 < 200, "p95 < 200 ms");
            }
            if (goal.startsWith("MISSED")) {
                failures.add(name + " " + goal);
            }
            row(name, s, goal);
        }
        System.out.println();

        List<String> errors = lastErrorTable(Path.of(args[2]));
        long designed = 0, other = 0;
        for (String e : errors) {
            long n = count(e);
            if (e.contains("found 503")) {
                designed += n;
            } else {
                other += n;
            }
        }
        System.out.println("errors by message (a 503 with Retry-After is the admission control's designed answer):");
        errors.forEach(e -> System.out.println("  " + e));
        System.out.printf("designed 503s: %d; other errors: %d  %s%n", designed, other, verdict(other == 0, "goal: 0"));
        if (other != 0) {
            failures.add(other + " errors other than 503");
        }

        double[] heap = heap(Path.of(args[1]));
        // the heap is capped by -Xmx (run.sh's 1 GiB): the goal is that the server lives within it, i.e. no
        // OutOfMemoryError (it would exit: -XX:+ExitOnOutOfMemoryError); a full committed heap is G1 using its room
        boolean alive = args[4].equals("alive");
        System.out.printf(Locale.ROOT, "server heap (%s, jstat every 1 s, %d samples): peak used %.0f MB (garbage included), "
                + "peak committed %.0f MB, old generation peak %.0f MB; server %s  %s%n", args[3], (long) heap[3],
                heap[0], heap[1], heap[2], args[4], verdict(alive, "goal: within the 1 GiB heap, no OutOfMemoryError"));
        if (!alive) {
            failures.add("the server did not live through the run");
        }
        System.out.println(failures.isEmpty() ? "every goal met" : "goals missed: " + failures);
    }

    /** Gatling's {@code var stats = {…}} (a JavaScript object: unquoted names, numbers as strings). */
    static JsonNode stats(Path statsJs) throws IOException {
        String js = Files.readString(statsJs);
        int start = js.indexOf('{', js.indexOf("var stats"));
        int end = js.lastIndexOf('}', js.indexOf("function fillStats"));
        ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        return json.readTree(js.substring(start, end + 1));
    }

    private static void row(String name, JsonNode s, String goal) {
        System.out.printf(Locale.ROOT, "%-44s %8d %7d %6.1f %8.0f %8.0f %8.0f  %s%n", name,
                s.path("numberOfRequests").path("total").asLong(), s.path("numberOfRequests").path("ko").asLong(),
                s.path("meanNumberOfRequestsPerSecond").path("total").asDouble(),
                s.path("percentiles1").path("ok").asDouble(), s.path("percentiles3").path("ok").asDouble(),
                s.path("percentiles4").path("ok").asDouble(), goal);
    }

    private static String verdict(boolean met, String goal) {
        return (met ? "met " : "MISSED ") + goal;
    }

    /** The rows of the last "---- Errors ----" table Gatling printed on its console. */
    static List<String> lastErrorTable(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> out = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("---- Errors")) {
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("> "); j++) {
                    out.add(lines.get(j).substring(2).replaceAll("\\s{2,}", "  ").trim());
                }
                break;
            }
        }
        return out;
    }

    private static long count(String errorRow) {
        String[] words = errorRow.replaceAll("\\(.*?%\\)", "").trim().split("\\s+");
        return Long.parseLong(words[words.length - 1]);
    }

    /** Peak used, peak committed, peak old generation (MB) and the number of samples, from jstat -gc output. */
    static double[] heap(Path samples) throws IOException {
        double used = 0, committed = 0, old = 0;
        long n = 0;
        List<String> header = null;
        for (String line : Files.readAllLines(samples)) {
            List<String> cols = List.of(line.trim().split("\\s+"));
            if (cols.contains("EU")) {
                header = cols;
                continue;
            }
            if (header == null || cols.size() != header.size()) {
                continue;
            }
            double u = v(header, cols, "S0U") + v(header, cols, "S1U") + v(header, cols, "EU") + v(header, cols, "OU");
            double c = v(header, cols, "S0C") + v(header, cols, "S1C") + v(header, cols, "EC") + v(header, cols, "OC");
            used = Math.max(used, u / 1024);
            committed = Math.max(committed, c / 1024);
            old = Math.max(old, v(header, cols, "OU") / 1024);
            n++;
        }
        return new double[] {used, committed, old, n};
    }

    private static double v(List<String> header, List<String> cols, String name) {
        return Double.parseDouble(cols.get(header.indexOf(name)));
    }
}
