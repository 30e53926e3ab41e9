package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/indicators, /indicators/{id}, /indicators/{id}/gaps and /targets over real HTTP against
 * the demo town in PostGIS: shapes, targets and status, area selection, CSV, ETag and cache invalidation,
 * and every kind of bad request.
 */
class IndicatorApiTest extends ServerTestSupport {

    /** The demo town's layers, named so that layers other tests leave behind cannot leak in. */
    static final String DEMO_COVERAGE = "layers=demo-residential,demo-park,demo-admin-area,demo-built-up-area";

    @Test
    void theCatalogueListsEveryIndicatorWithParametersAndLayers() {
        Reply r = get("/api/v1/indicators");
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.json().path("indicators");
        assertThat(list.size()).isEqualTo(14);
        JsonNode park = find(list, "park_service_coverage");
        assertThat(park.path("name").path("zh").asString()).isEqualTo("公园绿地服务半径覆盖率");
        assertThat(park.path("unit").asString()).isEqualTo("%");
        assertThat(park.path("standard").asString()).contains("城市体检");
        JsonNode radius = find(park.path("parameters"), "largeParkRadius", "name");
        assertThat(radius.path("default").asDouble()).isEqualTo(500.0);
        assertThat(radius.path("min").asDouble()).isEqualTo(0.0);
        assertThat(radius.path("unit").asString()).isEqualTo("m");
        assertThat(find(park.path("layers"), "residential", "kind").path("required").asBoolean()).isTrue();
        assertThat(find(park.path("layers"), "built_up_area", "kind").path("required").asBoolean()).isFalse();
    }

    /** An area by its name (东湖街道) is the same area as by its code; an unknown name is a 400 naming area. */
    @Test
    void anAreaByItsNameIsTheAreaOfItsCode() {
        String q = "/api/v1/indicators/park_service_coverage?mode=euclidean&area=";
        Reply byCode = get(q + "330110001002");
        Reply byName = get(q + java.net.URLEncoder.encode("东湖街道", StandardCharsets.UTF_8));
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.json().path("area").path("id").asString()).isEqualTo("330110001002");
        assertThat(byName.json().path("value").asDouble()).isEqualTo(byCode.json().path("value").asDouble());
        Reply unknown = get(q + java.net.URLEncoder.encode("西湖街道", StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asString()).isEqualTo("area");
    }

    /**
     * A zero denominator is no data, never 0: an area with no residential land, or no population at all, gives
     * {@code value: null}, status {@code no_data} (even against a target set) and the reason; the CSV leaves the
     * value empty. (It used to read 0.0 with denominator 0, and 0.0 m²/person without population.)
     */
    @Test
    void aZeroDenominatorIsNoDataNeverZero() {
        for (String id : List.of("park_service_coverage", "park_area_per_capita", "life_circle_coverage")) {
            String mode = id.equals("park_area_per_capita") ? "" : "&mode=euclidean";
            Reply r = get("/api/v1/indicators/" + id + "?bbox=0,0,1,1" + mode + "&targets=zhejiang-beautiful-towns");
            assertThat(r.status()).as(id + " → " + r.body()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j.path("denominator").asDouble()).as(id).isZero();
            assertThat(j.has("value") && j.path("value").isNull()).as(id + ": value null in " + r.body()).isTrue();
            assertThat(j.path("status").asString()).as(id).isEqualTo("no_data");
            assertThat(j.path("noDataReason").asString()).as(id).contains("no value");
            Reply csv = get("/api/v1/indicators/" + id + "?bbox=0,0,1,1" + mode + "&f=csv");
            String last = csv.body().trim().lines().reduce((x, y) -> y).orElseThrow();
            assertThat(last).as(id + " CSV total row: empty value cell").startsWith(id + ",total,合计 (total),,")
                    .contains(",no_data,");
        }
        // no population anywhere: a park layer and residential land without a population attribute
        String res = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[119.95,30.40],[119.951,30.40],[119.951,30.401],"
                + "[119.95,30.401],[119.95,30.40]]]}}]}";
        try {
            assertThat(send("POST", "/api/v1/layers?name=nd-res&kind=residential&id=nd-res", ADMIN, "application/geo+json",
                    res).status()).isEqualTo(201);
            JsonNode j = get("/api/v1/indicators/park_area_per_capita?layers=nd-res,demo-park").json();
            assertThat(j.path("value").isNull()).as(j.toString()).isTrue();
            assertThat(j.path("status").asString()).isEqualTo("no_data");
            assertThat(j.path("noDataReason").asString()).contains("No population given");
        } finally {
            send("DELETE", "/api/v1/layers/nd-res", ADMIN, null, null);
        }
    }

    @Test
    void parkCoverageOfTheDemoTownWithTargetBreakdownAndLayerVersions() {
        Reply r = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE
                + "&targets=zhejiang-beautiful-towns&year=2025");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        double value = j.path("value").asDouble();
        assertThat(value).isBetween(1.0, 100.0);
        assertThat(j.path("unit").asString()).isEqualTo("%");
        assertThat(value).isCloseTo(100 * j.path("numerator").asDouble() / j.path("denominator").asDouble(), within(1e-9));
        assertThat(j.path("target").path("value").asDouble()).isEqualTo(90.0);
        assertThat(j.path("target").path("year").asInt()).isEqualTo(2025);
        assertThat(j.path("target").path("comparator").asString()).isEqualTo(">=");
        assertThat(j.path("status").asString()).isEqualTo(value >= 90 ? "met" : "gap");
        assertThat(j.path("distanceToTarget").asDouble()).isCloseTo(value - 90, within(1e-9));
        // the breakdown per admin area adds up to the total
        JsonNode breakdown = j.path("breakdown");
        assertThat(breakdown.size()).isGreaterThan(1);
        double num = 0, den = 0;
        for (JsonNode b : breakdown) {
            assertThat(b.path("areaName").asString()).isNotBlank();
            num += b.path("numerator").asDouble();
            den += b.path("denominator").asDouble();
        }
        assertThat(num).isCloseTo(j.path("numerator").asDouble(), within(1.0));
        assertThat(den).isCloseTo(j.path("denominator").asDouble(), within(1.0));
        List<String> used = new ArrayList<>();
        j.path("layersUsed").forEach(u -> used.add(u.path("id").asString() + "/" + u.path("kind").asString() + "@"
                + u.path("version").asInt()));
        // the demo parks have their 2020 survey as version 1 (gis-data/demo/layers.json "earlier"): today's are version 2
        assertThat(used).contains("demo-residential/residential@1", "demo-park/park@2", "demo-built-up-area/built_up_area@1");
        assertThat(j.path("parameters").path("largeParkRadius").asDouble()).isEqualTo(500.0);
        assertThat(j.path("computedAt").asString()).isNotBlank();
        assertThat(j.path("measuredInEpsg").asInt()).isEqualTo(4549);

        // the nearest target year at or after now is used when no year is given (2027 for the Zhejiang table)
        JsonNode noYear = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE
                + "&targets=zhejiang-beautiful-towns").json();
        assertThat(noYear.path("target").path("year").asInt()).isGreaterThanOrEqualTo(2025);
    }

    @Test
    void anAdminAreaOrABoxRestrictsTheComputation() {
        JsonNode all = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE).json();
        JsonNode first = all.path("breakdown").get(0);
        String code = first.path("areaId").asString();
        Reply r = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE + "&area=" + code);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode one = r.json();
        assertThat(one.path("area").path("type").asString()).isEqualTo("admin_area");
        // the area's own value equals its row in the town-wide breakdown (parks outside it still serve it)
        assertThat(one.path("value").asDouble()).isCloseTo(first.path("value").asDouble(), within(0.01));
        // clipping in PostGIS (lon/lat) and splitting in the engine (metres) differ by a few m² at the edges
        assertThat(one.path("denominator").asDouble()).isCloseTo(first.path("denominator").asDouble(),
                within(1e-4 * first.path("denominator").asDouble()));

        JsonNode box = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE
                + "&bbox=119.93,30.38,119.96,30.41").json();
        assertThat(box.path("area").path("type").asString()).isEqualTo("bbox");
        assertThat(box.path("denominator").asDouble()).isGreaterThan(0).isLessThan(all.path("denominator").asDouble());
    }

    @Test
    void csvHasOneRowPerAdminAreaAndATotalWithABom() {
        Reply r = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE + "&targets=gb-55014-2021",
                "Accept", "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.body().charAt(0)).isEqualTo('\uFEFF');
        String[] lines = r.body().substring(1).split("\r\n");
        JsonNode j = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE).json();
        assertThat(lines).hasSize(1 + j.path("breakdown").size() + 1);
        assertThat(lines[0]).startsWith("indicator,area_id,area_name,value,unit");
        assertThat(lines[1]).contains(j.path("breakdown").get(0).path("areaName").asString());
        String total = lines[lines.length - 1];
        assertThat(total).startsWith("park_service_coverage,total,");
        assertThat(Double.parseDouble(total.split(",")[3])).isCloseTo(j.path("value").asDouble(), within(1e-5));
        assertThat(total).contains(",80,>,");
        assertThat(get("/api/v1/indicators/park_service_coverage?f=csv&" + DEMO_COVERAGE).contentType()).startsWith("text/csv");
        assertThat(r.body().getBytes(StandardCharsets.UTF_8)[0]).isEqualTo((byte) 0xEF);
    }

    @Test
    void gapsAreGeoJsonOfResidentialLandOutsideEveryServiceArea() {
        Reply r = get("/api/v1/indicators/park_service_coverage/gaps?" + DEMO_COVERAGE);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode fc = r.json();
        assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
        JsonNode gap = fc.path("features").get(0);
        assertThat(gap.path("properties").path("kind").asString()).isEqualTo("gap");
        assertThat(gap.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        JsonNode j = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE).json();
        assertThat(gap.path("properties").path("area_m2").asDouble())
                .isCloseTo(j.path("denominator").asDouble() - j.path("numerator").asDouble(), within(1.0));
        double lon = gap.path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(lon).isBetween(119.8, 120.1);
    }

    @Test
    void etagGives304AndANewLayerVersionInvalidatesTheCachedResult() {
        String park = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"缓存公园"},
                 "geometry":{"type":"Polygon","coordinates":[[[119.930,30.380],[119.932,30.380],[119.932,30.382],[119.930,30.382],[119.930,30.380]]]}}]}""";
        assertThat(send("POST", "/api/v1/layers?name=cache&kind=park&id=t-ind-cache-park", ADMIN, "application/geo+json",
                park).status()).isEqualTo(201);
        try {
            String q = "/api/v1/indicators/park_service_coverage?layers=demo-residential,t-ind-cache-park,demo-admin-area";
            Reply first = get(q);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            Reply again = get(q);
            assertThat(again.json().path("computedAt").asString()).isEqualTo(first.json().path("computedAt").asString());
            assertThat(get(q, "If-None-Match", etag).status()).isEqualTo(304);
            // the same parameters spelled out hit the same cache entry
            assertThat(get(q + "&largeParkRadius=500", "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(get(q + "&largeParkRadius=800", "If-None-Match", etag).status()).isEqualTo(200);

            String moved = park.replace("119.93", "119.95");
            assertThat(send("POST", "/api/v1/layers/t-ind-cache-park/versions", ADMIN, "application/geo+json", moved)
                    .status()).isEqualTo(201);
            Reply after = get(q, "If-None-Match", etag);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
            JsonNode parkUse = find(after.json().path("layersUsed"), "t-ind-cache-park");
            assertThat(parkUse.path("version").asInt()).isEqualTo(2);
            assertThat(after.json().path("computedAt").asString()).isNotEqualTo(first.json().path("computedAt").asString());
        } finally {
            send("DELETE", "/api/v1/layers/t-ind-cache-park", ADMIN, null, null);
        }
    }

    @Test
    void targetSetsAreServedAsDataWithTheirSources() {
        JsonNode j = get("/api/v1/targets").json();
        JsonNode sets = j.path("targetSets");
        JsonNode zj = find(sets, "zhejiang-beautiful-towns");
        List<Double> park = new ArrayList<>();
        zj.path("targets").forEach(t -> {
            if (t.path("indicator").asString().equals("park_service_coverage")) {
                park.add(t.path("value").asDouble());
            }
        });
        assertThat(park).containsExactly(88.0, 90.0, 92.0);
        assertThat(find(sets, "gansu-green-development").path("targets").get(0).path("value").asDouble()).isEqualTo(50.0);
        JsonNode cq = find(sets, "chongqing-green-development");
        assertThat(cq.path("document").asString()).contains("重庆");
        assertThat(cq.path("targets").size()).isZero();
        sets.forEach(s -> s.path("targets").forEach(t -> {
            assertThat(t.path("source").asString()).isNotBlank();
            assertThat(t.path("comparator").asString()).isIn(">=", "<=", ">", "<");
        }));
        JsonNode national = find(sets, "national-sponge-city");
        assertThat(national.path("document").asString()).contains("国办发〔2015〕75号");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        Reply unknown = get("/api/v1/indicators/no_such_indicator");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("reason").asString()).contains("park_service_coverage");

        Reply negative = get("/api/v1/indicators/park_service_coverage?largeParkRadius=-5");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("field").asString()).isEqualTo("largeParkRadius");
        assertThat(negative.json().path("reason").asString()).contains("negative");

        Reply typo = get("/api/v1/indicators/park_service_coverage?largeParkRadios=500");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("field").asString()).isEqualTo("largeParkRadios");

        Reply area = get("/api/v1/indicators/park_service_coverage?area=nowhere-999");
        assertThat(area.status()).isEqualTo(400);
        assertThat(area.json().path("field").asString()).isEqualTo("area");

        Reply bbox = get("/api/v1/indicators/park_service_coverage?bbox=120,30,119,31");
        assertThat(bbox.status()).isEqualTo(400);
        assertThat(bbox.json().path("field").asString()).isEqualTo("bbox");

        Reply layer = get("/api/v1/indicators/park_service_coverage?layers=no-such-layer");
        assertThat(layer.status()).isEqualTo(400);
        assertThat(layer.json().path("field").asString()).isEqualTo("layers");

        Reply targets = get("/api/v1/indicators/park_service_coverage?targets=atlantis");
        assertThat(targets.status()).isEqualTo(400);
        assertThat(targets.json().path("field").asString()).isEqualTo("targets");

        Reply year = get("/api/v1/indicators/park_service_coverage?targets=zhejiang-beautiful-towns&year=soon");
        assertThat(year.status()).isEqualTo(400);
        assertThat(year.json().path("field").asString()).isEqualTo("year");

        // a year the set sets no targets for is a 400 (README), not 200 no_target; also for the table and the reports
        for (String path : List.of("/api/v1/indicators/park_service_coverage", "/api/v1/indicators.csv", "/api/v1/workspaces/demo/report.docx")) {
            Reply outside = get(path + "?targets=zhejiang-beautiful-towns&year=2024");
            assertThat(outside.status()).as(path).isEqualTo(400);
            assertThat(outside.contentType()).startsWith("application/problem+json");
            assertThat(outside.json().path("field").asString()).isEqualTo("year");
            assertThat(outside.json().path("reason").asString()).contains("2023").contains("2027");
        }
    }

    @Test
    void oneTargetYearRuleSaysWhichYearAndWhy() {
        // no year: the set's nearest target year at or after this year (else its latest), said with its reason
        int now = java.time.Year.now().getValue();
        JsonNode park = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE + "&targets=zhejiang-beautiful-towns").json();
        int expected = List.of(2023, 2025, 2027).stream().filter(y -> y >= now).findFirst().orElse(2027);
        assertThat(park.path("targetYear").path("year").asInt()).isEqualTo(expected);
        assertThat(park.path("targetYear").path("rule").asString()).isEqualTo(expected >= now ? "nearest" : "latest");
        assertThat(park.path("targetYear").path("currentYear").asInt()).isEqualTo(now);
        assertThat(park.path("target").path("year").asInt()).isEqualTo(expected);
        // the greenway figure is filed under 2025: in 2027 it is the target still due, not "no target"
        JsonNode green = get("/api/v1/indicators/greenway_density?targets=zhejiang-beautiful-towns&year=2027").json();
        assertThat(green.path("targetYear").path("year").asInt()).isEqualTo(2027);
        assertThat(green.path("target").path("year").asInt()).isEqualTo(2025);
        assertThat(green.path("target").path("citation").asString()).isEqualTo("003_b446952e8e6ef788.txt:66");
        assertThat(green.path("target").path("documentStatus").asString()).isEqualTo("draft");
        JsonNode asked = get("/api/v1/indicators/park_service_coverage?" + DEMO_COVERAGE + "&targets=zhejiang-beautiful-towns&year=2023").json();
        assertThat(asked.path("targetYear").path("year").asInt()).isEqualTo(2023);
        assertThat(asked.path("targetYear").path("rule").asString()).isEqualTo("asked");
        assertThat(asked.path("target").path("value").asDouble()).isEqualTo(88.0);
    }

    @Test
    void aMissingLayerKindIs422NamingTheKind() {
        Reply r = get("/api/v1/indicators/park_service_coverage?layers=demo-park,demo-admin-area");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo("layers");
        assertThat(r.json().path("reason").asString()).contains("no residential layer");
        assertThat(r.json().path("missingKinds").get(0).asString()).isEqualTo("residential");
        Reply two = get("/api/v1/indicators/sponge_city_share?layers=demo-residential");
        assertThat(two.status()).isEqualTo(422);
        assertThat(two.json().path("missingKinds").size()).isEqualTo(2);
    }

    static JsonNode find(JsonNode array, String id) {
        return find(array, id, "id");
    }

    static JsonNode find(JsonNode array, String id, String key) {
        for (JsonNode n : array) {
            if (n.path(key).asString().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + key + "=" + id + " in " + array);
    }
}
