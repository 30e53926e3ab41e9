package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.greenplan.network.service.NetworkService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/v1/isochrones on the demo town over real HTTP: three rings with the facilities inside, the
 * graph cache, and every error the issue lists (bad input 400, far point / no road / nothing walkable 422).
 */
class IsochroneApiTest extends ServerTestSupport {

    /** 凤凰幼儿园, a demo kindergarten beside a street in the town centre. */
    private static final String CENTRE = "[119.959703, 30.399039]";
    private static final String DEMO = "\"layers\": [\"demo-road\", \"demo-facility\"]";

    @Autowired
    NetworkService network;

    private Reply post(String body) {
        return send("POST", "/api/v1/isochrones", null, "application/json", body);
    }

    @Test
    void threeRingsWithTheFacilitiesInside() {
        Reply r = post("{\"points\": [" + CENTRE + "], " + DEMO + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode fc = r.json();
        assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
        JsonNode rings = fc.path("features");
        assertThat(rings).hasSize(3);
        double[] expected = {300, 500, 1000};
        double lastArea = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode p = rings.get(i).path("properties");
            assertThat(p.path("minutes").asDouble()).isEqualTo(new double[] {5, 10, 15}[i]);
            assertThat(p.path("distanceMetres").asDouble()).isEqualTo(expected[i]);
            assertThat(rings.get(i).path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon");
            double area = p.path("areaM2").asDouble();
            // a walking area is larger than the walk-off strip around the distance walked and smaller than the
            // circle of the distance plus the walk-off
            assertThat(area).isGreaterThan(lastArea).isLessThan(Math.PI * Math.pow(expected[i] + 50 + 10, 2));
            lastArea = area;
        }
        JsonNode facilities = fc.path("facilities").path("features");
        assertThat(facilities.size()).isGreaterThan(3);
        double last = -1;
        for (JsonNode f : facilities) {
            JsonNode p = f.path("properties");
            double d = p.path("distanceMetres").asDouble();
            assertThat(d).isBetween(last, 1000.0);
            last = d;
            assertThat(p.path("layer").asString()).isEqualTo("demo-facility");
            assertThat(p.path("category").asString()).isNotBlank();
            assertThat(p.path("name").asString()).isNotBlank();
            double ring = p.path("minutes").asDouble();
            assertThat(d).isLessThanOrEqualTo(ring == 5 ? 300 : ring == 10 ? 500 : 1000);
            if (ring > 5) {
                assertThat(d).isGreaterThan(ring == 10 ? 300 : 500);
            }
            assertThat(f.path("geometry").path("type").asString()).isEqualTo("Point");
        }
        // the kindergarten the walk starts from is the nearest facility, metres away
        assertThat(facilities.get(0).path("properties").path("name").asString()).isEqualTo("凤凰幼儿园");
        assertThat(facilities.get(0).path("properties").path("distanceMetres").asDouble()).isLessThan(60);
        // facility counts per ring agree with the list
        assertThat(rings.get(2).path("properties").path("facilityCount").asInt()).isEqualTo(facilities.size());
        assertThat(fc.path("layers").get(0).path("id").asString()).isEqualTo("demo-road");
        assertThat(fc.path("graph").path("edges").asInt()).isGreaterThan(4000);
        assertThat(fc.path("origins").get(0).path("offsetMetres").asDouble()).isLessThan(60);
    }

    @Test
    void speedAndGeoJsonPointsAndSeveralOrigins() {
        Reply r = post("""
                {"points": [{"type": "Point", "coordinates": %s}, {"type": "Point", "coordinates": [119.9672169, 30.3881611]}],
                 "minutes": [3, 12], "speed": 80, %s}""".formatted(CENTRE, DEMO));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode rings = r.json().path("features");
        assertThat(rings).hasSize(2);
        assertThat(rings.get(0).path("properties").path("distanceMetres").asDouble()).isEqualTo(240.0);
        assertThat(rings.get(1).path("properties").path("distanceMetres").asDouble()).isEqualTo(960.0);
        assertThat(r.json().path("speed").asDouble()).isEqualTo(80.0);
        // both kindergartens are origins, so both are reached within a few metres
        List<String> near = new ArrayList<>();
        for (JsonNode f : r.json().path("facilities").path("features")) {
            if (f.path("properties").path("distanceMetres").asDouble() < 60) {
                near.add(f.path("properties").path("name").asString());
            }
        }
        assertThat(near).contains("凤凰幼儿园", "泰山幼儿园");
        Reply multi = post("{\"points\": {\"type\": \"MultiPoint\", \"coordinates\": [" + CENTRE + "]}, " + DEMO + "}");
        assertThat(multi.status()).as(multi.body()).isEqualTo(200);
    }

    @Test
    void theGraphIsBuiltOnceAndReused() {
        assertThat(post("{\"points\": [" + CENTRE + "], " + DEMO + "}").status()).isEqualTo(200);
        long builds = network.cache().builds();
        for (int i = 0; i < 3; i++) {
            assertThat(post("{\"points\": [" + CENTRE + "], \"minutes\": [5], " + DEMO + "}").status()).isEqualTo(200);
        }
        assertThat(network.cache().builds()).isEqualTo(builds);
        JsonNode graphs = get("/api/v1/network/graphs").json();
        assertThat(graphs.path("maxGraphs").asInt()).isEqualTo(4);
        assertThat(graphs.path("graphs").toString()).contains("demo-road");
    }

    @Test
    void aNewRoadVersionIsANewGraph() {
        String layer = "t-iso-road";
        // a 1 km street, then a version where it is 2 km long
        String v1 = road(120.30, 30.30, 120.30 + 0.0104, 30.30);
        Reply c = jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, layer) == 0
                ? send("POST", "/api/v1/layers?name=iso&kind=road&id=" + layer, ANALYST, "application/geo+json", v1)
                : send("POST", "/api/v1/layers/" + layer + "/versions", ANALYST, "application/geo+json", v1);
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String body = "{\"points\": [[120.30, 30.30]], \"minutes\": [15], \"layers\": [\"" + layer + "\"]}";
        Reply first = post(body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        int version = first.json().path("layers").get(0).path("version").asInt();
        double edges1 = first.json().path("features").get(0).path("properties").path("reachedEdges").asDouble();

        Reply v2 = send("POST", "/api/v1/layers/" + layer + "/versions", ANALYST, "application/geo+json",
                road(120.30 - 0.0104, 30.30, 120.30 + 0.0104, 30.30));
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        Reply second = post(body);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("layers").get(0).path("version").asInt()).isEqualTo(version + 1);
        double area1 = first.json().path("features").get(0).path("properties").path("areaM2").asDouble();
        double area2 = second.json().path("features").get(0).path("properties").path("areaM2").asDouble();
        // 1 km of street either way now instead of 1 km one way: twice the strip
        assertThat(area2).isGreaterThan(area1 * 1.8);
        assertThat(edges1).isGreaterThan(0);
        // the superseded graph is no longer held
        assertThat(network.cache().entries()).noneMatch(e -> e.key().size() == 1
                && e.key().get(0).layerId().equals(layer) && e.key().get(0).version() == version);
    }

    @Test
    void errors() {
        expect(post("{}"), 400, "points");
        expect(post("[1, 2]"), 400, "body");
        expect(post("not json"), 400, "body");
        expect(post("{\"points\": [[119.95]]}"), 400, "points");
        expect(post("{\"points\": [[519.95, 30.4]]}"), 400, "points");
        expect(post("{\"points\": {\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]}}"), 400, "points");
        expect(post("{\"points\": [" + CENTRE + "], \"minutes\": []}"), 400, "minutes");
        expect(post("{\"points\": [" + CENTRE + "], \"minutes\": [-5]}"), 400, "minutes");
        expect(post("{\"points\": [" + CENTRE + "], \"minutes\": [\"5\"]}"), 400, "minutes");
        expect(post("{\"points\": [" + CENTRE + "], \"speed\": 0}"), 400, "speed");
        expect(post("{\"points\": [" + CENTRE + "], \"speed\": \"fast\"}"), 400, "speed");
        expect(post("{\"points\": [" + CENTRE + "], \"layers\": \"demo-road\"}"), 400, "layers");
        expect(post("{\"points\": [" + CENTRE + "], \"layers\": [\"no-such-layer\"]}"), 400, "layers");
        // no GB 50180 distance for 7 minutes without a speed
        Reply seven = expect(post("{\"points\": [" + CENTRE + "], \"minutes\": [7], " + DEMO + "}"), 422, "minutes");
        assertThat(seven.json().path("reason").asString()).contains("speed");
        // 2 km off the town's streets
        Reply far = expect(post("{\"points\": [[119.95, 30.45]], " + DEMO + "}"), 422, "points");
        assertThat(far.json().path("reason").asString()).contains("500 m", "demo-road");
        // layers named, none of them a road layer
        expect(post("{\"points\": [" + CENTRE + "], \"layers\": [\"demo-facility\"]}"), 422, "layers");
    }

    @Test
    void aRoadLayerWithNothingWalkable() {
        String layer = "t-iso-motorway";
        if (jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, layer) == 0) {
            Reply c = send("POST", "/api/v1/layers?name=motorway&kind=road&id=" + layer, ANALYST,
                    "application/geo+json", """
                    {"type":"FeatureCollection","features":[
                     {"type":"Feature","properties":{"highway":"motorway"},
                      "geometry":{"type":"LineString","coordinates":[[120.5,30.5],[120.51,30.5]]}},
                     {"type":"Feature","properties":{"highway":"construction"},
                      "geometry":{"type":"LineString","coordinates":[[120.5,30.51],[120.51,30.51]]}}]}""");
            assertThat(c.status()).as(c.body()).isEqualTo(201);
        }
        Reply r = expect(post("{\"points\": [[120.505, 30.5]], \"layers\": [\"" + layer + "\"]}"), 422, "layers");
        assertThat(r.json().path("reason").asString()).contains("no walkable road");
    }

    private static Reply expect(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field);
        assertThat(r.json().path("reason").asString()).isNotBlank();
        return r;
    }

    private static String road(double lon0, double lat0, double lon1, double lat1) {
        return """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"class":"branch"},
                 "geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]}}]}""".formatted(lon0, lat0, lon1, lat1);
    }
}
