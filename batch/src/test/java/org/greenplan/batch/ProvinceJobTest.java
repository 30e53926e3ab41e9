package org.greenplan.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.greenplan.demo.DemoTownGenerator;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.Parameters;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Spark job on a generated province (the demo generator at scale 20: 20 towns of six admin units each, 5 × 4,
 * plus one unit with bad data) in local mode, against the server's HTTP API for the same units: the packaged
 * server ({@link PackagedServer}) on the test database, the province's layers uploaded through its import API
 * into a workspace of their own, and {@code GET …/indicators/{id}?area=<unit code>&mode=…} asked for every row of
 * the job (120 units × every indicator of the catalogue × both modes). Equal to 1e-9 means the job gives the web
 * app's numbers, and the spatial join's margin lost nothing a unit needs, also for units whose parks and
 * facilities lie across their border, or in the next town ({@link #theProvinceHasUnitsServedAcrossTheirBorder}).
 * The job runs once over the files; the run over PostGIS ({@code --input-jdbc}) runs the first town's six units
 * again ({@code --units-code}).
 */
class ProvinceJobTest {

    @TempDir
    static Path dir;
    static SparkSession spark;
    static ProvinceJob.Outcome outcome;
    static Path input;

    /** The packaged server on the test database, with the province imported into a workspace of its own. */
    static PackagedServer server;
    static String workspace;
    static Map<String, String> importJobs;

    @BeforeAll
    static void run() throws IOException {
        input = dir.resolve("province");
        DemoTownGenerator.main(new String[] {"--out", input.toString(), "--scale", Integer.toString(TOWNS)});
        if (DB_URL != null) {
            // the server migrates the database (batch_result among its tables) and imports the province while the
            // job runs
            server = PackagedServer.start("province-server", DB_URL);
            workspace = "province-check-" + Long.toString(System.currentTimeMillis(), 36);
            PackagedServer.Reply created = server.postJson("/api/v1/workspaces", "{\"id\":\"" + workspace
                    + "\",\"name\":\"ProvinceJobTest\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            importJobs = submitImports(server, workspace);
        }
        addBadUnit(input);
        spark = SparkSession.builder().master("local[2]").appName("ProvinceJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--out", dir.resolve("out").toString(),
                "--targets", "zhejiang-beautiful-towns", "--year", "2025"));
        if (DB_URL != null) {
            args.addAll(List.of("--jdbc", DB_URL, "--jdbc-user", DB_USER, "--jdbc-password", DB_PASSWORD));
        }
        outcome = ProvinceJob.run(spark, ProvinceJob.Options.parse(args.toArray(String[]::new)));
    }

    /** The province: 20 towns of six admin units (communities and villages) each. */
    static final int TOWNS = 20;
    static final int UNITS = TOWNS * 6;
    /** The first town's units: the run over PostGIS computes these again. */
    static final String FIRST_TOWN = "330110001";

    /** The test database of ./test.sh (the owner's role); without it the PostGIS output is not tested. */
    static final String DB_URL = System.getenv("GREENPLAN_TEST_DB_URL");
    static final String DB_USER = System.getenv().getOrDefault("GREENPLAN_DB_OWNER_USER", System.getenv("GREENPLAN_DB_USER"));
    static final String DB_PASSWORD = System.getenv().getOrDefault("GREENPLAN_DB_OWNER_PASSWORD",
            System.getenv("GREENPLAN_DB_PASSWORD"));

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (server != null) {
            if (workspace != null) {
                server.delete("/api/v1/workspaces/" + workspace);
            }
            server.close();
        }
    }

    @Test
    void everyUnitEqualsTheServersApiForThatUnit() throws Exception {
        Assumptions.assumeTrue(DB_URL != null, "GREENPLAN_TEST_DB_URL (./test.sh) not set: the server needs its database");
        List<String> codes = outcome.rows().stream().map(UnitIndicators.Row::unitCode).filter(c -> !c.equals("bad"))
                .distinct().toList();
        assertThat(codes).hasSize(UNITS);
        awaitImports(server, workspace, importJobs);
        // every row's request, one after another (the server answers 503 + Retry-After when its indicator slots are
        // busy for long: asked again then)
        Map<Integer, String> paths = new TreeMap<>();
        for (int i = 0; i < outcome.rows().size(); i++) {
            UnitIndicators.Row g = outcome.rows().get(i);
            if (!g.unitCode().equals("bad")) {
                paths.put(i, "/api/v1/workspaces/" + workspace + "/indicators/" + g.indicator() + "?area=" + g.unitCode()
                        + (g.mode() == null ? "" : "&mode=" + g.mode()) + "&targets="
                        + ProvinceJob.Options.DEFAULT_TARGETS + "&year=2025");
            }
        }
        // two at a time: the server computes two indicators at once (greenplan.limits.concurrent.indicator)
        Map<Integer, Future<PackagedServer.Reply>> replies = new HashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            paths.forEach((i, path) -> replies.put(i, clients.submit(() -> server.getRetryingWhenBusy(path))));
            for (Future<PackagedServer.Reply> f : replies.values()) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        List<String> unequal = new ArrayList<>();
        int compared = 0;
        int withValue = 0;
        int network = 0;
        for (Map.Entry<Integer, String> e : paths.entrySet()) {
            int i = e.getKey();
            String path = e.getValue();
            UnitIndicators.Row g = outcome.rows().get(i);
            PackagedServer.Reply r = replies.get(i).get();
            compared++;
            if (r.status() != 200) {
                // a kind the province has no layer of (forest): the API refuses, the batch row has no value and
                // names the same missing kinds
                assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(422);
                assertThat(g.value()).as(key(g)).isNaN();
                assertThat(g.indicator()).as(key(g)).isEqualTo("forest_coverage");
                assertThat(r.json().path("missingKinds").size()).as(r.body()).isPositive();
                r.json().path("missingKinds").forEach(k -> assertThat(g.reason()).as(key(g))
                        .contains("missing input layer").contains("no " + k.asString() + " layer"));
                continue;
            }
            JsonNode api = r.json();
            assertThat(api.path("area").path("id").asString()).as(path).isEqualTo(g.unitCode());
            if (g.mode() != null) {
                assertThat(api.path("mode").asString()).as(path).isEqualTo(g.mode());
            }
            JsonNode value = api.path("value");
            // every difference collected first, so a failure shows how many rows and which units it touches
            collectUnequal(unequal, key(g) + " value", g.value(), value.isNumber() ? value.asDouble() : Double.NaN);
            if (value.isNumber()) {
                collectUnequal(unequal, key(g) + " numerator", g.numerator(), api.path("numerator").asDouble());
                collectUnequal(unequal, key(g) + " denominator", g.denominator(), api.path("denominator").asDouble());
                withValue++;
                network += "network".equals(g.mode()) ? 1 : 0;
            } else {
                // without a value only where the province cannot give one, and then with the reason: a village
                // unit holds no urban community (托育 counts urban communities only), a unit without greenways
                // has no greenway length
                assertThat(g.indicator()).as(key(g)).isIn("childcare_coverage", "home_care_coverage",
                        "health_centre_coverage", "greenway_length");
                assertThat(g.reason()).as(key(g)).isNotBlank();
            }
            TargetStatus t = outcome.targets().get(i);
            String status = api.path("status").asString();
            if (t.status() == null) {
                assertThat(status).as(path).isIn("no_target", "no_data");
            } else {
                if (!status.equals(t.status())) {
                    unequal.add(key(g) + " status: " + t.status() + " vs " + status);
                }
                assertThat(api.path("target").path("value").asDouble()).as(path).isEqualTo(t.target());
            }
        }
        assertThat(unequal).as(unequal.size() + " values unequal to the API's, in units "
                + unequal.stream().map(u -> u.substring(0, u.indexOf('/'))).distinct().toList()
                + "; the first: " + unequal.subList(0, Math.min(10, unequal.size()))).isEmpty();
        assertThat(compared).isEqualTo(UNITS * rowsPerUnit());
        assertThat(withValue).as("rows with a value").isGreaterThanOrEqualTo(compared - 5 * UNITS);
        assertThat(network).as("network rows with a value").isGreaterThanOrEqualTo(UNITS * 2);
    }

    @Test
    void theJobOverTheWorkspaceInPostgisGivesTheRowsOfTheFiles() throws SQLException {
        Assumptions.assumeTrue(DB_URL != null, "GREENPLAN_TEST_DB_URL (./test.sh) not set");
        awaitImports(server, workspace, importJobs);
        // the same province as the server stores it (imported above), read by Spark's JDBC source in id ranges
        ProvinceJob.Outcome fromDb = ProvinceJob.run(spark, ProvinceJob.Options.parse("--input-jdbc", DB_URL,
                "--workspace", workspace, "--jdbc", DB_URL, "--jdbc-user", DB_USER, "--jdbc-password", DB_PASSWORD,
                "--out", dir.resolve("out-jdbc").toString(), "--targets", "zhejiang-beautiful-towns", "--year", "2025",
                "--units-code", FIRST_TOWN));
        assertThat(fromDb.units()).isEqualTo(6);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < fromDb.rows().size(); i++) {
            byKey.put(key(fromDb.rows().get(i)), i);
        }
        int compared = 0;
        for (int i = 0; i < outcome.rows().size(); i++) {
            UnitIndicators.Row want = outcome.rows().get(i);
            if (!want.unitCode().startsWith(FIRST_TOWN)) {
                continue;
            }
            Integer j = byKey.get(key(want));
            assertThat(j).as(key(want)).isNotNull();
            UnitIndicators.Row got = fromDb.rows().get(j);
            assertClose(key(want) + " value", got.value(), want.value());
            assertClose(key(want) + " numerator", got.numerator(), want.numerator());
            assertClose(key(want) + " denominator", got.denominator(), want.denominator());
            assertThat(fromDb.targets().get(j).status()).as(key(want)).isEqualTo(outcome.targets().get(i).status());
            compared++;
        }
        assertThat(compared).isEqualTo(fromDb.rows().size()).isEqualTo(6 * rowsPerUnit());
        // the run is the workspace's, its provenance the layer versions read
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT workspace_id, inputs FROM batch_run WHERE id = ?")) {
            s.setLong(1, fromDb.runId());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(workspace);
                assertThat(r.getString(2)).startsWith("workspace " + workspace + ": ").contains("demo-road@v1");
            }
        }
    }

    /**
     * Every layer of the manifest through the import API, as a planner uploads them, one job each (the server runs
     * two at a time); the job ids by layer. Before the bad unit is added: its rows are checked below, and the
     * server's admin areas are the towns'.
     */
    private static Map<String, String> submitImports(PackagedServer server, String ws) throws IOException {
        Map<String, String> jobs = new HashMap<>();
        for (JsonNode l : new ObjectMapper().readTree(input.resolve("layers.json").toFile()).path("layers")) {
            String id = l.path("id").asString();
            PackagedServer.Reply r = server.postFile("/api/v1/workspaces/" + ws + "/imports",
                    input.resolve(l.path("file").asString()), "layer", l.path("name").asString(id), "id", id,
                    "kind", l.path("kind").asString());
            assertThat(r.status()).as(id + ": " + r.body()).isEqualTo(202);
            jobs.put(id, r.json().path("id").asString());
        }
        return jobs;
    }

    private static void awaitImports(PackagedServer server, String ws, Map<String, String> jobs) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            while (true) {
                JsonNode j = server.get("/api/v1/workspaces/" + ws + "/imports/" + job.getValue()).json();
                String state = j.path("state").asString();
                if (state.equals("succeeded")) {
                    break;
                }
                assertThat(state).as(job.getKey() + ": " + j).isNotEqualTo("failed");
                assertThat(System.nanoTime()).as(job.getKey() + " still " + state).isLessThan(deadline);
                PackagedServer.sleep(200);
            }
        }
    }

    /**
     * The units whose indicators read a park or facility lying wholly outside the unit (the engine's own choice of
     * features, {@link UnitIndicators#select}, at each indicator's default reach), and those where that park or
     * facility lies in another town: the cases the spatial join's margin is for, present in the compared province.
     */
    @Test
    void theProvinceHasUnitsServedAcrossTheirBorder() {
        Map<LayerKind, List<Feature>> all = readAll(input);
        List<Feature> units = all.get(LayerKind.ADMIN_AREA).stream()
                .filter(u -> !"bad".equals(u.attributes().get("code"))).toList();
        assertThat(units).hasSize(UNITS);
        Map<String, Integer> acrossUnit = new TreeMap<>();
        Map<String, Integer> acrossTown = new TreeMap<>();
        for (LayerKind kind : List.of(LayerKind.PARK, LayerKind.FACILITY)) {
            // the town (code's first nine digits) each feature lies in, by its first point
            Map<Feature, String> townOf = new java.util.IdentityHashMap<>();
            for (Feature f : all.get(kind)) {
                org.locationtech.jts.geom.Point at = f.geometry().getFactory().createPoint(f.geometry().getCoordinate());
                units.stream().filter(u -> u.geometry().covers(at)).findFirst()
                        .ifPresent(u -> townOf.put(f, String.valueOf(u.attributes().get("code")).substring(0, 9)));
            }
            for (IndicatorDefinition def : org.greenplan.indicator.IndicatorCatalogue.all()) {
                if (!def.reach().kinds().contains(kind)) {
                    continue;
                }
                Parameters p = Parameters.of(def.parameters(), Map.of());
                for (Feature u : units) {
                    String town = String.valueOf(u.attributes().get("code")).substring(0, 9);
                    boolean outside = false;
                    boolean otherTown = false;
                    for (Feature f : UnitIndicators.select(def, kind, u.geometry(), p, all.get(kind))) {
                        if (!f.geometry().intersects(u.geometry())) {
                            outside = true;
                            otherTown |= townOf.containsKey(f) && !townOf.get(f).equals(town);
                        }
                    }
                    acrossUnit.merge(def.id() + "/" + kind.id(), outside ? 1 : 0, Integer::sum);
                    acrossTown.merge(def.id() + "/" + kind.id(), otherTown ? 1 : 0, Integer::sum);
                }
            }
        }
        System.out.println("[ProvinceJobTest] of " + UNITS + " units, reading a park/facility outside the unit: "
                + acrossUnit + "; in another town: " + acrossTown);
        assertThat(acrossUnit.get("park_service_coverage/park")).as("units reading a park outside them").isPositive();
        assertThat(acrossTown.get("park_service_coverage/park")).as("units reading a park of the next town").isPositive();
        assertThat(acrossUnit.get("life_circle_coverage/facility")).as("units reading a facility outside them")
                .isPositive();
        assertThat(acrossTown.get("life_circle_coverage/facility")).as("units reading a facility of the next town")
                .isPositive();
    }

    @Test
    void aUnitWithBadDataGetsRowsWithTheReason() {
        List<UnitIndicators.Row> bad = outcome.rows().stream().filter(r -> r.unitCode().equals("bad")).toList();
        assertThat(bad).hasSize(rowsPerUnit());
        // every row says why: the bow tie is named in each, and the overlay's refusal or the missing roads
        // where a run could not go on
        assertThat(bad).allSatisfy(r -> assertThat(r.reason()).contains("invalid polygon"));
        assertThat(bad.stream().filter(r -> Double.isNaN(r.value()))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.reason()).containsAnyOf("TopologyException", "no road features",
                        "missing input layer"));
        assertThat(Files.exists(dir.resolve("out/batch_result"))).isTrue();
    }

    @Test
    void everyRowIsJudgedAgainstTheTargetsAsTheServerJudgesThem() {
        // targets.json, Zhejiang 美丽城镇 2025, written out here by hand: the other indicators have no target in the set
        // (the ≤ 13 % development intensity is province-wide, in the green-development set, not this one)
        Map<String, Object[]> zhejiang2025 = Map.of("park_service_coverage", new Object[] {">=", 90.0},
                "life_circle_coverage", new Object[] {">=", 95.0}, "greenway_density", new Object[] {">=", 1.0},
                "childcare_coverage", new Object[] {">=", 80.0}, "home_care_coverage", new Object[] {">=", 95.0},
                "health_centre_coverage", new Object[] {">=", 90.0});
        Map<String, Integer> byStatus = new HashMap<>();
        for (int i = 0; i < outcome.rows().size(); i++) {
            UnitIndicators.Row r = outcome.rows().get(i);
            TargetStatus t = outcome.targets().get(i);
            Object[] want = zhejiang2025.get(r.indicator());
            if (want == null) {
                assertThat(t).as(key(r)).isEqualTo(TargetStatus.NONE);
                continue;
            }
            double target = (Double) want[1];
            String status = Double.isNaN(r.value()) ? "no_data"
                    : (want[0].equals(">=") ? r.value() >= target : r.value() <= target) ? "met" : "gap";
            assertThat(t.set()).isEqualTo("zhejiang-beautiful-towns");
            assertThat(t.year()).isEqualTo(2025);
            assertThat(t.comparator()).isEqualTo(want[0]);
            assertThat(t.target()).isEqualTo(target);
            assertThat(t.status()).as(key(r) + " = " + r.value()).isEqualTo(status);
            if (!Double.isNaN(r.value())) {
                assertThat(t.distance()).isEqualTo(r.value() - target);
            }
            byStatus.merge(status, 1, Integer::sum);
        }
        assertThat(byStatus).as("statuses").containsKeys("gap", "no_data");
        // the GeoParquet rows carry the same statuses
        Map<String, Long> written = new HashMap<>();
        spark.read().format("geoparquet").load(dir.resolve("out/batch_result").toString())
                .where("status IS NOT NULL").groupBy("status").count().collectAsList()
                .forEach(x -> written.put(x.getString(0), x.getLong(1)));
        Map<String, Long> expected = new HashMap<>();
        byStatus.forEach((k, v) -> expected.put(k, (long) v));
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void theRunIsInPostgisWhole() throws SQLException {
        Assumptions.assumeTrue(DB_URL != null, "GREENPLAN_TEST_DB_URL (./test.sh) not set");
        assertThat(outcome.runId()).isNotNull();
        Map<String, Object[]> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT r.unit_code, r.indicator, r.mode, r.value, r.status, "
                        + "r.target_value, u.name, NOT ST_IsEmpty(u.geom) FROM batch_result r JOIN batch_unit u "
                        + "ON u.run_id = r.run_id AND u.code = r.unit_code JOIN batch_run b ON b.id = r.run_id "
                        + "WHERE r.run_id = ? AND b.finished_at IS NOT NULL AND b.target_set = 'zhejiang-beautiful-towns'")) {
            s.setLong(1, outcome.runId());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    double v = r.getDouble(4);
                    v = r.wasNull() ? Double.NaN : v;
                    stored.put(r.getString(1) + "/" + r.getString(2) + "/" + (r.getString(3).isEmpty() ? null : r.getString(3)),
                            new Object[] {v, r.getString(5), r.getString(7), r.getBoolean(8)});
                }
            }
        }
        assertThat(stored).hasSize(outcome.rows().size());
        for (int i = 0; i < outcome.rows().size(); i++) {
            UnitIndicators.Row row = outcome.rows().get(i);
            Object[] got = stored.get(key(row));
            assertThat(got).as(key(row)).isNotNull();
            assertThat(got[0]).as(key(row)).isEqualTo((Object) row.value()); // boxed: NULL read back as NaN equals NaN
            assertThat(got[1]).as(key(row)).isEqualTo(outcome.targets().get(i).status());
            assertThat(got[2]).isEqualTo(row.unitName());
            assertThat(got[3]).as("unit boundary stored").isEqualTo(true);
        }
    }

    /** One row per indicator, two for those with a distance mode. */
    private static int rowsPerUnit() {
        return org.greenplan.indicator.IndicatorCatalogue.all().stream().mapToInt(d -> d.parameters().stream()
                .anyMatch(p -> p.name().equals(org.greenplan.indicator.DistanceMode.PARAMETER)) ? 2 : 1).sum();
    }

    private static String key(UnitIndicators.Row r) {
        return r.unitCode() + "/" + r.indicator() + "/" + r.mode();
    }

    /** As {@link #assertClose}, the difference added to {@code unequal} instead of thrown. */
    private static void collectUnequal(List<String> unequal, String what, double got, double want) {
        if (Double.isNaN(want) ? !Double.isNaN(got) : !close(got, want)) {
            unequal.add(what + ": " + got + " vs " + want);
        }
    }

    private static void assertClose(String what, double got, double want) {
        if (Double.isNaN(want)) {
            assertThat(got).as(what).isNaN();
            return;
        }
        assertThat(close(got, want)).as(what + ": " + got + " vs " + want).isTrue();
    }

    /** Equal to 1e-9, relative to the larger value (absolute below 1). */
    private static boolean close(double got, double want) {
        return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.max(Math.abs(got), Math.abs(want)));
    }

    static Map<LayerKind, List<Feature>> readAll(Path in) {
        return BatchBench.readAll(in);
    }

    /**
     * A unit 0.3° east of the towns, no road near it, whose boundary is a bow tie (self-intersecting), with one
     * residential parcel: its rows must say why, and the job must finish.
     */
    static void addBadUnit(Path in) throws IOException {
        double x = 120.5;
        double y = 30.4;
        String bowTie = "[[[" + x + "," + y + "],[" + (x + 0.01) + "," + (y + 0.01) + "],[" + (x + 0.01) + "," + y
                + "],[" + x + "," + (y + 0.01) + "],[" + x + "," + y + "]]]";
        Files.writeString(in.resolve("bad_admin.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + "{\"type\":\"Feature\",\"id\":\"bad-unit\",\"properties\":{\"name\":\"坏数据镇\",\"code\":\"bad\","
                + "\"population\":1000},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + bowTie + "}}]}\n");
        String square = "[[[" + (x + 0.002) + "," + (y + 0.001) + "],[" + (x + 0.004) + "," + (y + 0.001) + "],["
                + (x + 0.004) + "," + (y + 0.003) + "],[" + (x + 0.002) + "," + (y + 0.003) + "],[" + (x + 0.002) + ","
                + (y + 0.001) + "]]]";
        Files.writeString(in.resolve("bad_residential.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + "{\"type\":\"Feature\",\"id\":\"bad-res\",\"properties\":{\"population\":100},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + square + "}}]}\n");
        Path m = in.resolve("layers.json");
        String json = Files.readString(m);
        int end = json.lastIndexOf(']');
        json = json.substring(0, end) + ",{\"id\":\"bad-admin\",\"kind\":\"admin_area\",\"file\":\"bad_admin.geojson\"}"
                + ",{\"id\":\"bad-residential\",\"kind\":\"residential\",\"file\":\"bad_residential.geojson\"}"
                + json.substring(end);
        Files.writeString(m, json);
    }
}
