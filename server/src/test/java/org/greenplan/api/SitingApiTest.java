package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * POST …/siting on a small workspace drawn in metres: residential squares, one existing park, a 城镇开发边界 and a
 * 生态保护红线 strip across it, straight-line mode. The coverage the optimiser predicts is checked against the indicator
 * recomputed through the API after publishing the chosen sites into the park layer; every site passes the
 * control-line check of {@code POST …/checks/control-lines}; bad requests are 400s naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitingApiTest extends ServerTestSupport {

    static final String WS = "siting-test";
    static final double LON = 120.0, LAT = 30.0;
    static final double M_LAT = 1 / 110_900.0, M_LON = 1 / (111_320.0 * Math.cos(Math.toRadians(LAT)));

    /** A square polygon [x0, x1] × [y0, y1] in metres east and north of (120°, 30°), as GeoJSON coordinates. */
    static String box(double x0, double y0, double x1, double y1) {
        double a = LON + x0 * M_LON, b = LAT + y0 * M_LAT, c = LON + x1 * M_LON, d = LAT + y1 * M_LAT;
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}"
                .formatted(a, b, c, b, c, d, a, d, a, b);
    }

    static String point(double x, double y) {
        return "{\"type\":\"Point\",\"coordinates\":[%s,%s]}".formatted(LON + x * M_LON, LAT + y * M_LAT);
    }

    static String line(double x0, double y0, double x1, double y1) {
        return "{\"type\":\"LineString\",\"coordinates\":[[%s,%s],[%s,%s]]}".formatted(LON + x0 * M_LON,
                LAT + y0 * M_LAT, LON + x1 * M_LON, LAT + y1 * M_LAT);
    }

    static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String feature(String geometry, String properties) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    @BeforeAll
    void workspace() {
        freshWorkspace(WS, "siting");
        List<String> parcels = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                parcels.add(feature(box(150 + 450 * i, 150 + 450 * j, 270 + 450 * i, 250 + 450 * j),
                        "{\"population\":" + (100 + 10 * i + j) + "}"));
            }
        }
        // far beyond the development boundary: no candidate reaches it, so 100 % is out of reach
        parcels.add(feature(box(5000, 500, 5100, 600), "{\"population\":50}"));
        layer("residential", collection(parcels));
        layer("park", collection(List.of(feature(box(200, 300, 290, 390), "{\"name\":\"老公园\"}"))));
        layer("town_development_boundary", collection(List.of(feature(box(0, 0, 2800, 1800), "{}"))));
        layer("ecological_red_line", collection(List.of(feature(box(1300, -100, 1700, 1900), "{}"))));
        layer("facility", collection(List.of(feature(point(300, 100), "{\"category\":\"community_health_center\"}"))));
        // streets every 450 m, 50 m from the parcels: network mode is the default
        List<String> roads = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            roads.add(feature(line(100 + 450 * i, 0, 100 + 450 * i, 1800), "{}"));
        }
        for (int j = 0; j <= 3; j++) {
            roads.add(feature(line(0, 100 + 450 * j, 2800, 100 + 450 * j), "{}"));
        }
        layer("road", collection(roads));
        // an empty candidate layer, if the server takes one (else the unknown layer below stands for it)
        send("POST", "/api/v1/workspaces/" + WS + "/layers?name=empty&kind=construction_land&id=" + WS + "-empty",
                ADMIN, "application/geo+json", collection(List.of()));
    }

    @AfterAll
    void dropWorkspace() {
        send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null);
    }

    private void layer(String kind, String body) {
        addLayer(WS, WS + "-" + kind.replace('_', '-'), kind, kind, body);
    }

    /** The scenario the last run's sites were put in (the plan as a 方案). */
    private String scenario;

    private JsonNode run(String request) throws InterruptedException {
        JsonNode job = finishedSitingJob(WS, ANALYST, request);
        scenario = job.path("result").path("scenario").asString(null);
        return job.path("result");
    }

    private double indicator(String mode) {
        return indicator(mode, "");
    }

    private double indicator(String mode, String query) {
        Reply r = get("/api/v1/workspaces/" + WS + "/indicators/park_service_coverage?mode=" + mode + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("value").asDouble();
    }

    @Test
    void theChosenSitesPassTheControlLinesAndPublishedGiveThePredictedCoverage() throws InterruptedException {
        double before = indicator("euclidean");
        JsonNode res = run("{\"target\":90,\"candidates\":\"grid\",\"spacing\":200,\"mode\":\"euclidean\"}");
        assertThat(res.path("coverageBefore").asDouble()).isCloseTo(before, within(1e-9));
        assertThat(res.path("excluded").path("ecological_red_line").asInt()).isGreaterThan(0);
        JsonNode sites = res.path("sites").path("features");
        assertThat(sites.size()).isGreaterThan(0);
        for (JsonNode site : sites) {
            Reply c = send("POST", "/api/v1/workspaces/" + WS + "/checks/control-lines", ANALYST, "application/geo+json",
                    site.toString());
            assertThat(c.json().path("compliant").asBoolean()).as(c.body()).isTrue();
        }
        JsonNode curve = res.path("curve");
        assertThat(curve.size()).isEqualTo(sites.size() + 1);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).asDouble()).isGreaterThan(curve.get(i - 1).asDouble());
        }
        double predicted = curve.get(curve.size() - 1).asDouble();
        assertThat(res.path("coverage").asDouble()).isCloseTo(predicted, within(1e-9));
        assertThat(res.path("reached").asBoolean()).isTrue();
        assertThat(predicted).isGreaterThanOrEqualTo(90 * (1 - 1e-12));
        // the plan as a scenario: the indicator computed on it is the prediction, the baseline unchanged
        assertThat(scenario).as("the scenario holding the sites").isNotNull();
        assertThat(indicator("euclidean", "&scenario=" + scenario)).isCloseTo(predicted, within(1e-9));
        assertThat(indicator("euclidean")).isCloseTo(before, within(1e-9));

        // publish the sites beside the existing park: the indicator must move exactly as predicted
        List<String> parks = new ArrayList<>();
        parks.add(feature(box(200, 300, 290, 390), "{\"name\":\"老公园\"}"));
        sites.forEach(s -> parks.add(s.toString()));
        Reply v = send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-park/versions", ADMIN,
                "application/geo+json", collection(parks));
        assertThat(v.status()).as(v.body()).isBetween(200, 201);
        try {
            assertThat(indicator("euclidean")).isCloseTo(predicted, within(1e-9));
        } finally {
            send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-park/versions", ADMIN, "application/geo+json",
                    collection(List.of(feature(box(200, 300, 290, 390), "{\"name\":\"老公园\"}"))));
        }
    }

    @Test
    void inNetworkModeTheIndicatorRecomputedOnThePublishedSitesIsTheReportedCoverage() throws InterruptedException {
        JsonNode res = run("{\"sites\":3,\"spacing\":300}");
        assertThat(res.path("mode").asString()).isEqualTo("network");
        JsonNode sites = res.path("sites").path("features");
        assertThat(sites.size()).isEqualTo(3);
        JsonNode curve = res.path("curve");
        double predicted = curve.get(curve.size() - 1).asDouble();
        double coverage = res.path("coverage").asDouble();
        // the curve counts each site's walked ground alone, the indicator walks all parks at once: arcs round apart
        assertThat(predicted).isCloseTo(coverage, within(1e-6));
        List<String> parks = new ArrayList<>();
        parks.add(feature(box(200, 300, 290, 390), "{\"name\":\"老公园\"}"));
        sites.forEach(s -> parks.add(s.toString()));
        Reply v = send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-park/versions", ADMIN,
                "application/geo+json", collection(parks));
        assertThat(v.status()).as(v.body()).isBetween(200, 201);
        try {
            assertThat(indicator("network")).isCloseTo(coverage, within(1e-9));
        } finally {
            send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-park/versions", ADMIN, "application/geo+json",
                    collection(List.of(feature(box(200, 300, 290, 390), "{\"name\":\"老公园\"}"))));
        }
        System.out.printf("siting network mode: curve %.9f %%, indicator %.9f %%, difference %.2e%n", predicted,
                coverage, predicted - coverage);
    }

    /** The life-circle figure of one requirement, through the API. */
    private double lifeCircle(String mode, String key) {
        return lifeCircle(mode, key, "");
    }

    private double lifeCircle(String mode, String key, String query) {
        Reply r = get("/api/v1/workspaces/" + WS + "/indicators/life_circle_coverage?mode=" + mode + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode m : r.json().path("measures")) {
            if (m.path("id").asString().equals("category.15min." + key)) {
                return m.path("value").asDouble();
            }
        }
        throw new AssertionError("no measure for " + key + " in " + r.body());
    }

    @Test
    void forALifeCircleCategoryThePublishedFacilitiesGiveThePredictedFigureInBothModes() throws InterruptedException {
        for (String mode : List.of("euclidean", "network")) {
            double before = lifeCircle(mode, "community_health_center");
            JsonNode res = run("{\"category\":\"community_health_center\",\"sites\":2,\"spacing\":300,\"mode\":\""
                    + mode + "\"}");
            assertThat(res.path("coverageBefore").asDouble()).isCloseTo(before, within(1e-9));
            JsonNode sites = res.path("sites").path("features");
            assertThat(sites.size()).isEqualTo(2);
            JsonNode curve = res.path("curve");
            double predicted = curve.get(curve.size() - 1).asDouble();
            assertThat(predicted).isGreaterThan(before);
            assertThat(res.path("coverage").asDouble()).isCloseTo(predicted, within(1e-9));
            assertThat(lifeCircle(mode, "community_health_center", "&scenario=" + scenario)).as(mode + ", the plan's scenario")
                    .isCloseTo(predicted, within(1e-9));
            List<String> facilities = new ArrayList<>();
            facilities.add(feature(point(300, 100), "{\"category\":\"community_health_center\"}"));
            sites.forEach(f -> facilities.add(feature(f.path("geometry").toString(),
                    "{\"category\":\"community_health_center\"}")));
            Reply v = send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-facility/versions", ADMIN,
                    "application/geo+json", collection(facilities));
            assertThat(v.status()).as(v.body()).isBetween(200, 201);
            try {
                assertThat(lifeCircle(mode, "community_health_center")).as(mode).isCloseTo(predicted, within(1e-9));
            } finally {
                send("POST", "/api/v1/workspaces/" + WS + "/layers/" + WS + "-facility/versions", ADMIN,
                        "application/geo+json", collection(List.of(feature(point(300, 100),
                                "{\"category\":\"community_health_center\"}"))));
            }
        }
    }

    @Test
    void aTargetOutOfReachReportsTheBestReachableValue() throws InterruptedException {
        JsonNode res = run("{\"target\":100,\"spacing\":200,\"mode\":\"euclidean\"}");
        assertThat(res.path("reached").asBoolean()).isFalse();
        double best = res.path("bestReachable").asDouble();
        assertThat(best).isLessThan(100).isGreaterThan(res.path("coverageBefore").asDouble());
        assertThat(res.path("notes").toString()).contains("cannot be reached");
    }

    @Test
    void underGbt51346TheSitingJudgesByTheSameRuleAsTheIndicator() throws InterruptedException {
        // a small new park (the 2000 m² class): 300 m under the 城市体检 rule, 500 m under GB/T 51346 4.3.4
        String request = "{\"sites\":1,\"spacing\":200,\"parkSize\":\"small\",\"mode\":\"euclidean\"";
        JsonNode mohurd = run(request + "}");
        assertThat(indicator("euclidean", "&scenario=" + scenario)).isCloseTo(mohurd.path("coverage").asDouble(), within(1e-9));
        JsonNode gbt = run(request + ",\"ruleSet\":\"gbt51346\"}");
        assertThat(gbt.path("coverageBefore").asDouble()).isCloseTo(indicator("euclidean", "&ruleSet=gbt51346"), within(1e-9));
        assertThat(indicator("euclidean", "&ruleSet=gbt51346&scenario=" + scenario))
                .isCloseTo(gbt.path("coverage").asDouble(), within(1e-9));
        assertThat(gbt.path("coverage").asDouble() - gbt.path("coverageBefore").asDouble())
                .isGreaterThan(mohurd.path("coverage").asDouble() - mohurd.path("coverageBefore").asDouble());
    }

    @Test
    void kSitesWithTheExactSolverReportTheGap() throws InterruptedException {
        JsonNode res = run("{\"sites\":2,\"spacing\":200,\"mode\":\"euclidean\",\"exact\":true}");
        assertThat(res.path("sites").path("features").size()).isEqualTo(2);
        assertThat(res.path("gap").asDouble()).isBetween(0.0, 0.05);
        assertThat(res.path("notes").toString()).contains("Exact solver");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        String path = "/api/v1/workspaces/" + WS + "/siting";
        for (String[] c : new String[][] {
                {"{\"indicator\":\"clinic_coverage\",\"sites\":1}", "indicator"},
                {"{\"category\":\"spaceport\",\"sites\":1}", "category"},
                {"{\"sites\":0}", "sites"},
                {"{\"target\":120}", "target"},
                {"{\"sites\":1,\"ruleSet\":\"gb2019\"}", "ruleSet"},
                {"{\"sites\":1,\"candidates\":\"layer\",\"layer\":\"" + WS + "-empty\"}", "layer"},
                {"{\"sites\":1,\"candidates\":\"layer\",\"layer\":\"" + WS + "-nothing\"}", "layer"}}) {
            Reply r = send("POST", path, ANALYST, "application/json", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(c[1]);
        }
        assertThat(send("POST", path, null, "application/json", "{\"sites\":1}").status()).isEqualTo(401);
    }
}
