package org.greenplan.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenarios over real HTTP on a copy of the demo town in a workspace of its own (adopting changes the baseline,
 * which the demo workspace's other tests read): edits stay inside their scenario, ETags lock, bad edits are 400s
 * naming the field, indicators compare, adoption lands whole and gives the baseline what the scenario showed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioApiTest extends ServerTestSupport {

    private static final String WS = "t-scenarios";
    private static final String API = "/api/v1/workspaces/" + WS;
    private static final String OGC = "/w/" + WS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    void copyTheDemoTown() throws IOException {
        send("DELETE", API, ADMIN, null, null);
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + WS + "\",\"name\":\"scenario tests\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Path demo = Path.of("gis-data/demo");
        for (JsonNode l : JSON.readTree(Files.readString(demo.resolve("layers.json"))).get("layers")) {
            Reply up = send("POST", API + "/layers?name=" + l.get("id").asString() + "&kind=" + l.get("kind").asString()
                    + "&id=" + l.get("id").asString(), ADMIN, "application/geo+json",
                    Files.readString(demo.resolve(l.get("file").asString())));
            assertThat(up.status()).as(up.body()).isEqualTo(201);
        }
    }

    @AfterAll
    void dropIt() {
        send("DELETE", API, ADMIN, null, null);
    }

    @Test
    void editsStayInTheirScenarioAndEtagsLock() {
        long sc = scenario("edits");
        long other = scenario("other");
        long baseCount = count(OGC + "/collections/demo-park/items");
        Reply added = call("POST", OGC + "/scenarios/" + sc + "/collections/demo-park/items", ADMIN, park("新公园", 119.95, 30.40));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String key = added.json().get("id").asString();
        assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/items/" + key);
        assertThat(count(OGC + "/scenarios/" + sc + "/collections/demo-park/items")).isEqualTo(baseCount + 1);
        assertThat(count(API + "/scenarios/" + sc + "/collections/demo-park/items")).isEqualTo(baseCount + 1);
        assertThat(count(OGC + "/collections/demo-park/items")).as("the baseline").isEqualTo(baseCount);
        assertThat(count(OGC + "/scenarios/" + other + "/collections/demo-park/items")).as("another scenario")
                .isEqualTo(baseCount);

        String item = OGC + "/scenarios/" + sc + "/collections/demo-park/items/" + key;
        String etag = get(item).headers().firstValue("ETag").orElseThrow();
        Reply patched = call("PATCH", item, ADMIN, "{\"properties\":{\"name\":\"改名公园\"}}", "If-Match", etag);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/properties/name").asString()).isEqualTo("改名公园");
        Reply stale = call("PATCH", item, ADMIN, "{\"properties\":{\"name\":\"again\"}}", "If-Match", etag);
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);

        // a baseline feature deleted in the scenario is gone there only
        JsonNode first = get(OGC + "/scenarios/" + sc + "/collections/demo-park/items?limit=1&offset=1").json()
                .get("features").get(0);
        String baseKey = first.get("id").asString();
        assertThat(first.get("scenarioState").asString()).isEqualTo("baseline");
        assertThat(call("DELETE", OGC + "/scenarios/" + sc + "/collections/demo-park/items/" + baseKey, ADMIN, null)
                .status()).isEqualTo(204);
        assertThat(get(OGC + "/scenarios/" + sc + "/collections/demo-park/items/" + baseKey).status()).isEqualTo(404);
        assertThat(get(OGC + "/scenarios/" + other + "/collections/demo-park/items/" + baseKey).status()).isEqualTo(200);
        assertThat(count(OGC + "/scenarios/" + sc + "/collections/demo-park/items")).isEqualTo(baseCount);

        // the diff names the three kinds of change
        JsonNode diff = get(API + "/scenarios/" + sc + "/diff").json();
        assertThat(diff.at("/counts/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/counts/removed").asInt()).isEqualTo(1);
        Reply gpkg = get(API + "/scenarios/" + sc + "/diff?f=gpkg");
        assertThat(gpkg.status()).isEqualTo(200);
        assertThat(gpkg.body()).startsWith("SQLite format 3");

        // undo takes back the deletion
        Reply undo = call("POST", API + "/scenarios/" + sc + "/undo", ADMIN, null);
        assertThat(undo.json().get("featureId").asString()).isEqualTo(baseKey);
        assertThat(get(OGC + "/scenarios/" + sc + "/collections/demo-park/items/" + baseKey).status()).isEqualTo(200);

        // rename, list, delete; a deleted scenario is 404 for edits
        assertThat(call("PATCH", API + "/scenarios/" + other, ADMIN, "{\"name\":\"方案乙\"}").json().get("name")
                .asString()).isEqualTo("方案乙");
        assertThat(get(API + "/scenarios").body()).contains("方案乙");
        assertThat(call("DELETE", API + "/scenarios/" + other, ADMIN, null).status()).isEqualTo(204);
        Reply gone = call("POST", OGC + "/scenarios/" + other + "/collections/demo-park/items", ADMIN,
                park("x", 119.95, 30.40));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("field").asString()).isEqualTo("scenario");
    }

    @Test
    void badEditsAreRefusedNamingTheField() {
        long sc = scenario("bad input");
        String parks = OGC + "/scenarios/" + sc + "/collections/demo-park/items";
        String facilities = OGC + "/scenarios/" + sc + "/collections/demo-facility/items";
        assertRefused(call("POST", facilities, ADMIN, park("a park as facility", 119.95, 30.4)), 400, "geometry");
        assertRefused(call("POST", parks, ADMIN, "{\"type\":\"Feature\",\"properties\":{\"name\":\"p\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}"), 400, "geometry");
        assertRefused(call("POST", parks, ADMIN, "{\"type\":\"Feature\",\"properties\":{\"name\":\"bow tie\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[119.95,30.4],[119.96,30.41],[119.96,30.4],"
                + "[119.95,30.41],[119.95,30.4]]]}}"), 400, "geometry");
        assertRefused(call("POST", parks, ADMIN, park(null, 119.95, 30.4)), 400, "properties.name");
        assertRefused(call("POST", facilities, ADMIN, facility("nowhere_category", 119.95, 30.4)), 400,
                "properties.category");
        assertRefused(call("POST", facilities, ANALYST, facility("kindergarten", 119.95, 30.4)), 403, null);
        assertRefused(call("POST", API + "/scenarios", ANALYST, "{\"name\":\"x\"}"), 403, null);
        assertRefused(call("POST", API + "/scenarios", ADMIN, "{\"name\":\" \"}"), 400, "name");
        assertThat(call("POST", facilities, ADMIN, facility("kindergarten", 119.95, 30.4)).status()).isEqualTo(201);
    }

    @Test
    void indicatorsCompareAndAdoptionGivesTheBaselineWhatTheScenarioShowed() {
        long sc = scenario("plan");
        // a park and a health station on the residential parcel the park map leaves uncovered first
        JsonNode gap = get(API + "/indicators/park_service_coverage/gaps").json().get("features").get(0);
        double[] at = interiorPoint(gap.get("geometry"));
        assertThat(call("POST", OGC + "/scenarios/" + sc + "/collections/demo-park/items", ADMIN,
                park("规划公园", at[0], at[1])).status()).isEqualTo(201);
        assertThat(call("POST", OGC + "/scenarios/" + sc + "/collections/demo-facility/items", ADMIN,
                facility("community_health_station", at[0], at[1])).status()).isEqualTo(201);

        JsonNode park = get(API + "/indicators/park_service_coverage?scenario=" + sc + "&compare=baseline").json();
        double before = park.at("/baseline/value").asDouble();
        double after = park.at("/scenario/value").asDouble();
        assertThat(after).isGreaterThan(before);
        assertThat(park.get("delta").asDouble()).isCloseTo(after - before, within(1e-12));
        assertThat(get(API + "/indicators/park_service_coverage").json().get("value").asDouble())
                .as("the baseline without scenario=").isCloseTo(before, within(1e-12));
        JsonNode gaps = get(API + "/indicators/park_service_coverage/gaps?scenario=" + sc + "&compare=baseline").json();
        assertThat(gaps.toString()).contains("\"side\":\"scenario\"").contains("\"side\":\"baseline\"");
        String csv = get(API + "/indicators.csv?scenario=" + sc + "&compare=baseline").body();
        assertThat(csv).contains("side,indicator").contains("\nscenario,park_service_coverage")
                .contains("\nbaseline,park_service_coverage");

        Map<String, Double> shown = new LinkedHashMap<>();
        for (JsonNode d : get(API + "/indicators").json().get("indicators")) {
            String id = d.get("id").asString();
            Reply r = get(API + "/indicators/" + id + "?scenario=" + sc);
            if (r.status() == 200 && !r.json().get("value").isNull()) {
                shown.put(id, r.json().get("value").asDouble());
            }
        }
        assertThat(shown).containsKeys("park_service_coverage", "life_circle_coverage");

        Reply adopted = call("POST", API + "/scenarios/" + sc + "/adopt", ADMIN, null);
        assertThat(adopted.status()).as(adopted.body()).isEqualTo(200);
        assertThat(adopted.json().get("published")).hasSize(2);
        shown.forEach((id, value) -> assertThat(get(API + "/indicators/" + id).json().get("value").asDouble())
                .as(id + " on the baseline after adoption").isCloseTo(value, within(1e-9)));
        // an adopted scenario is kept for the record and takes no more edits
        assertThat(call("POST", OGC + "/scenarios/" + sc + "/collections/demo-park/items", ADMIN,
                park("late", at[0], at[1])).status()).isEqualTo(409);
        // the layer now has two versions, and their diff is the park added
        JsonNode versions = get(OGC + "/collections/demo-park/items?version=2&diffFrom=1").json();
        assertThat(versions.at("/counts/added").asInt()).isEqualTo(1);
        assertThat(versions.at("/counts/removed").asInt()).isZero();
        assertThat(versions.at("/counts/modified").asInt()).isZero();
    }

    @Test
    void aMovedBaselineIsReportedRebasedAndAdoptedOnlyAfterwards() {
        long sc = scenario("rebase");
        JsonNode features = get(OGC + "/collections/demo-sponge-zone/items?limit=10000").json().get("features");
        String changedKey = features.get(0).get("sourceId").asString();
        String untouchedKey = features.get(1).get("sourceId").asString();
        String item = OGC + "/scenarios/" + sc + "/collections/demo-sponge-zone/items/";
        assertThat(call("PATCH", item + changedKey, ADMIN, "{\"properties\":{\"note\":\"scenario\"}}").status())
                .isEqualTo(200);
        assertThat(call("PATCH", item + untouchedKey, ADMIN, "{\"properties\":{\"note\":\"scenario\"}}").status())
                .isEqualTo(200);

        // someone publishes a new version that changes the first of them
        List<JsonNode> next = new ArrayList<>();
        features.forEach(f -> {
            ObjectNode c = (ObjectNode) f.deepCopy();
            c.put("id", f.get("sourceId").asString());
            c.remove("sourceId");
            if (f.get("sourceId").asString().equals(changedKey)) {
                ((ObjectNode) c.get("properties")).put("note", "baseline");
            }
            next.add(c);
        });
        Reply v2 = send("POST", API + "/layers/demo-sponge-zone/versions", ADMIN, "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":" + JSON.valueToTree(next) + "}");
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);

        JsonNode status = get(API + "/scenarios/" + sc).json();
        assertThat(status.get("baselineMoved").asBoolean()).isTrue();
        assertThat(status.get("conflicts")).hasSize(1);
        assertThat(status.at("/conflicts/0/featureId").asString()).isEqualTo(changedKey);
        Reply refused = call("POST", API + "/scenarios/" + sc + "/adopt", ADMIN, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains(changedKey);

        Reply rebased = call("POST", API + "/scenarios/" + sc + "/rebase", ADMIN, null);
        assertThat(rebased.status()).as(rebased.body()).isEqualTo(200);
        assertThat(rebased.json().get("conflicts")).hasSize(1);
        assertThat(rebased.json().at("/scenario/baselineMoved").asBoolean()).isFalse();
        Reply adopted = call("POST", API + "/scenarios/" + sc + "/adopt", ADMIN, null);
        assertThat(adopted.status()).as(adopted.body()).isEqualTo(200);
        assertThat(adopted.json().at("/published/0/version").asInt()).isEqualTo(3);
        JsonNode diff = get(OGC + "/collections/demo-sponge-zone/items?version=3&diffFrom=2").json();
        assertThat(diff.at("/counts/modified").asInt()).as(diff.toString()).isEqualTo(2);
        assertThat(diff.toString()).contains("\"from\":\"baseline\",\"to\":\"scenario\"");
    }

    @Test
    void anAdoptionFailingMidwayChangesNothing() {
        long sc = scenario("half");
        assertThat(call("POST", OGC + "/scenarios/" + sc + "/collections/demo-facility/items", ADMIN,
                facility("pharmacy", 119.95, 30.40)).status()).isEqualTo(201);
        assertThat(call("POST", OGC + "/scenarios/" + sc + "/collections/demo-greenway/items", ADMIN,
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
                        + "[[119.95,30.40],[119.955,30.402]]}}").status()).isEqualTo(201);
        Map<String, Integer> before = currentVersions();
        // the second layer published (layers go in id order: facility, then greenway) fails inside the transaction
        ownerJdbc().execute("""
                CREATE OR REPLACE FUNCTION t_scenario_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.workspace_id = 't-scenarios' AND NEW.layer_id = 'demo-greenway' THEN
                        RAISE EXCEPTION 'injected failure';
                    END IF;
                    RETURN NEW;
                END $$""");
        ownerJdbc().execute("CREATE TRIGGER t_scenario_fail BEFORE INSERT ON layer_version FOR EACH ROW "
                + "EXECUTE FUNCTION t_scenario_fail()");
        try {
            Reply r = call("POST", API + "/scenarios/" + sc + "/adopt", ADMIN, null);
            assertThat(r.status()).isGreaterThanOrEqualTo(500);
        } finally {
            ownerJdbc().execute("DROP TRIGGER t_scenario_fail ON layer_version");
            ownerJdbc().execute("DROP FUNCTION t_scenario_fail()");
        }
        assertThat(currentVersions()).isEqualTo(before);
        JsonNode after = get(API + "/scenarios/" + sc).json();
        assertThat(after.path("adoptedAt").isMissingNode() || after.path("adoptedAt").isNull()).as(after.toString()).isTrue();
        Reply again = call("POST", API + "/scenarios/" + sc + "/adopt", ADMIN, null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    @Test
    void theDemoShipsAPlanThatLiftsParkCoverageAndTheLifeCircle() {
        JsonNode plan = null;
        for (JsonNode s : get("/api/v1/workspaces/demo/scenarios").json()) {
            if (s.get("name").asString().equals(DemoScenario.NAME)) {
                plan = s;
            }
        }
        assertThat(plan).as("the demo's scenario").isNotNull();
        for (String id : List.of("park_service_coverage", "life_circle_coverage")) {
            JsonNode c = get("/api/v1/workspaces/demo/indicators/" + id + "?scenario=" + plan.get("id").asLong()
                    + "&compare=baseline").json();
            assertThat(c.get("delta").asDouble()).as(id).isGreaterThan(0);
        }
    }

    // ---- helpers ----

    private Map<String, Integer> currentVersions() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode c : get(OGC + "/collections").json().get("collections")) {
            out.put(c.get("id").asString(), c.path("version").asInt());
        }
        return out;
    }

    private long scenario(String name) {
        Reply r = call("POST", API + "/scenarios", ADMIN, "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long count(String items) {
        return get(items + "?limit=1").json().get("numberMatched").asLong();
    }

    private static String park(String name, double lon, double lat) {
        double d = 0.0015;
        return "{\"type\":\"Feature\",\"properties\":{" + (name == null ? "" : "\"name\":\"" + name + "\",\"class\":\"社区公园\"")
                + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + (lon - d) + "," + (lat - d) + "],["
                + (lon + d) + "," + (lat - d) + "],[" + (lon + d) + "," + (lat + d) + "],[" + (lon - d) + "," + (lat + d)
                + "],[" + (lon - d) + "," + (lat - d) + "]]]}}";
    }

    private static String facility(String category, double lon, double lat) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"规划设施\",\"category\":\"" + category + "\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}}";
    }

    /** A point inside a gap polygon: the middle of its first ring's first two opposite-ish vertices, checked by PostGIS. */
    private double[] interiorPoint(JsonNode geometry) {
        String wkt = jdbc.queryForObject("SELECT ST_AsText(ST_PointOnSurface(ST_GeomFromGeoJSON(?)))", String.class,
                geometry.toString());
        String[] xy = wkt.replace("POINT(", "").replace(")", "").split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    private void assertRefused(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
        }
    }

    private Reply call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
