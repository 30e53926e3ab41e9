package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.greenplan.ServerTestSupport;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.indicator.service.IndicatorFeatureRepository;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerFeatures;
import org.greenplan.network.LifeCircleResult;
import org.greenplan.network.PgRoutingReference;
import org.greenplan.network.WalkGraph;
import org.greenplan.network.service.NetworkCoverage;
import org.greenplan.network.service.NetworkService;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code mode=network|euclidean} of life_circle_coverage and park_service_coverage over real HTTP on the demo
 * town: the API's network figures against pgRouting ({@code pgr_drivingDistance} on the exported graph) and
 * against {@link NetworkCoverage}; walking never beating the straight line; the default mode; the cache key
 * (mode, road layer version); and the 4xx cases.
 */
class IndicatorNetworkModeApiTest extends ServerTestSupport {

    static final String LIFE = "/api/v1/indicators/life_circle_coverage?layers=demo-residential,demo-facility,demo-admin-area";
    static final String PARK = "/api/v1/indicators/park_service_coverage?layers=demo-residential,demo-park,demo-admin-area";

    @Autowired
    DataSource dataSource;
    @Autowired
    NetworkService network;
    @Autowired
    NetworkCoverage networkCoverage;
    @Autowired
    LayerFeatures layerFeatures;
    @Autowired
    IndicatorFeatureRepository indicatorFeatures;
    @Autowired
    LayerRepository layers;

    private JsonNode ok(String path) {
        Reply r = get(path);
        assertThat(r.status()).as(path + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static double measure(JsonNode j, String id) {
        for (JsonNode m : j.path("measures")) {
            if (m.path("id").asString().equals(id)) {
                return m.path("value").asDouble();
            }
        }
        throw new AssertionError("no measure " + id + " in " + j.path("measures"));
    }

    private List<Feature> read(LayerKind kind, String id) {
        List<Feature> out = new ArrayList<>();
        for (Layer l : layerFeatures.current("demo", kind, List.of(id))) {
            out.addAll(layerFeatures.all(l.current()));
        }
        return out;
    }

    @Test
    void networkIsTheDefaultWhenARoadLayerIsReadAndEuclideanOtherwise() {
        JsonNode net = ok(LIFE + ",demo-road");
        assertThat(net.path("mode").asString()).isEqualTo("network");
        assertThat(net.path("modeNote").asString()).contains("by default").contains("demo-road v1");
        assertThat(net.path("parameters").path("mode").asString()).isEqualTo("network");
        List<String> used = new ArrayList<>();
        net.path("layersUsed").forEach(u -> used.add(u.path("id").asString() + "/" + u.path("kind").asString() + "@"
                + u.path("version").asInt()));
        assertThat(used).contains("demo-road/road@1", "demo-residential/residential@1", "demo-facility/facility@1");
        assertThat(net.path("notes").toString()).contains("Walking-network distances on road layer demo-road v1");

        JsonNode euc = ok(LIFE);
        assertThat(euc.path("mode").asString()).isEqualTo("euclidean");
        assertThat(euc.path("modeNote").asString()).contains("no road layer");
        euc.path("layersUsed").forEach(u -> assertThat(u.path("kind").asString()).isNotEqualTo("road"));

        // asked for explicitly: the road layer is then not read, and not in layersUsed
        JsonNode asked = ok(LIFE + ",demo-road&mode=euclidean");
        assertThat(asked.path("mode").asString()).isEqualTo("euclidean");
        assertThat(asked.path("modeNote").asString()).contains("as asked");
        asked.path("layersUsed").forEach(u -> assertThat(u.path("kind").asString()).isNotEqualTo("road"));
        assertThat(asked.path("value").asDouble()).isEqualTo(euc.path("value").asDouble());

        JsonNode park = ok(PARK + ",demo-road");
        assertThat(park.path("mode").asString()).isEqualTo("network");
        assertThat(ok(PARK).path("mode").asString()).isEqualTo("euclidean");

        // the catalogue lists the new parameters and the optional road layer
        JsonNode cat = ok("/api/v1/indicators").path("indicators");
        for (JsonNode d : cat) {
            if (d.path("id").asString().equals("life_circle_coverage")) {
                Set<String> names = new HashSet<>();
                d.path("parameters").forEach(p -> names.add(p.path("name").asString()));
                assertThat(names).contains("mode", "speed");
                assertThat(d.path("layers").toString()).contains("\"road\"");
            }
        }
    }

    /**
     * The API's network-mode life circle: its figures are checked against pgRouting + PostGIS on the part of each
     * parcel reached ({@code PgRoutingCrossCheckTest}); here the breakdown adds up and the status is judged.
     */
    @Test
    void networkLifeCircleBreakdownAddsUpAndIsJudged() throws Exception {
        JsonNode j = ok(LIFE + ",demo-road&mode=network");
        assertThat(j.path("value").asDouble()).isCloseTo(measure(j, "all.15min"), within(1e-9));
        // the levels are not trivially 0 or 100: the comparison means something
        assertThat(measure(j, "category.15min.middle_school")).isBetween(1.0, 99.0);

        // breakdown per admin area adds up to the total; status against a target as in Euclidean mode
        double num = 0, den = 0;
        for (JsonNode b : j.path("breakdown")) {
            num += b.path("numerator").asDouble();
            den += b.path("denominator").asDouble();
        }
        assertThat(j.path("breakdown").size()).isGreaterThan(1);
        assertThat(num).isCloseTo(j.path("numerator").asDouble(), within(1.0));
        assertThat(den).isCloseTo(j.path("denominator").asDouble(), within(1.0));
        JsonNode judged = ok(LIFE + ",demo-road&targets=zhejiang-beautiful-towns&year=2025");
        assertThat(judged.path("status").asString()).isIn("met", "gap");
    }

    /**
     * Walking is never shorter than the straight line: every requirement a parcel reaches on foot (not listed
     * missing in the network gap map) has a facility within the distance of the parcel as the crow flies; and
     * the city-wide figures come out no higher on foot than in a straight line from the parcel's edge.
     */
    @Test
    void walkingNeverBeatsTheStraightLine() {
        JsonNode gaps = ok(LIFE.replace("life_circle_coverage?", "life_circle_coverage/gaps?") + ",demo-road&mode=network");
        assertThat(gaps.path("mode").asString()).isEqualTo("network");
        Map<String, JsonNode> missingById = new HashMap<>();
        for (JsonNode f : gaps.path("features")) {
            if (f.path("properties").path("kind").asString().equals("missing_facilities")) {
                missingById.put(f.path("properties").path("featureId").asString(), f.path("properties"));
                assertThat(f.path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon");
            }
        }
        assertThat(missingById).isNotEmpty();
        // read as the indicator API reads them, so feature ids match those in the gap map
        List<Feature> parcels = indicatorFeatures.load(layers.find("demo", "demo-residential").orElseThrow().current().id(), null,
                IndicatorFeatureRepository.Clip.NONE);
        List<Feature> facilities = read(LayerKind.FACILITY, "demo-facility");
        GaussKrugerZone zone = network.graph("demo", List.of("demo-road")).graph().zone();
        LifeCircleLevels table = LifeCircleLevels.defaults();
        int checked = 0;
        double total = 0;
        Map<String, Double> crowArea = new HashMap<>();
        for (Feature p : parcels) {
            Geometry parcel = zone.toMetres(p.geometry());
            double area = parcel.getArea();
            total += area;
            JsonNode missing = missingById.get(p.id());
            for (LifeCircleLevels.Requirement r : table.requirements("15min")) {
                double crow = facilities.stream().filter(f -> r.categories().contains(f.text("category")))
                        .mapToDouble(f -> parcel.distance(zone.toMetres(f.geometry()))).min().orElse(Double.POSITIVE_INFINITY);
                if (crow <= 1000.001) {
                    crowArea.merge(r.key(), area, Double::sum);
                }
                boolean reachedOnFoot = missing == null || !missing.path("15min").toString().contains("\"" + r.key() + "\"");
                if (reachedOnFoot) {
                    assertThat(crow).as("parcel " + p.id() + " reaches " + r.key() + " on foot").isLessThanOrEqualTo(1000.001);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(missingById.keySet()).as("gap parcels are parcels").isSubsetOf(parcels.stream().map(Feature::id).toList());

        // so for the same parcels, coverage on foot ≤ coverage as the crow flies from the parcel's edge, per requirement
        JsonNode net = ok(LIFE + ",demo-road&mode=network");
        JsonNode euc = ok(LIFE + "&mode=euclidean");
        StringBuilder report = new StringBuilder();
        for (LifeCircleLevels.Requirement r : table.requirements("15min")) {
            double onFoot = measure(net, "category.15min." + r.key());
            double crow = 100 * crowArea.getOrDefault(r.key(), 0.0) / total;
            assertThat(onFoot).as(r.key() + ": on foot vs straight line from the parcel edge, %").isLessThanOrEqualTo(crow + 0.01);
            report.append(String.format(java.util.Locale.ROOT, " %s %.1f/%.1f/%.1f", r.key(), onFoot, crow,
                    measure(euc, "category.15min." + r.key())));
        }
        System.out.println("[network mode] 15-min coverage per requirement, network / straight line from the edge / "
                + "euclidean mode (interior point), %:" + report);
        System.out.printf("[network mode] park: network %.2f %% vs euclidean %.2f %%%n",
                ok(PARK + ",demo-road&mode=network").path("value").asDouble(), ok(PARK + "&mode=euclidean").path("value").asDouble());
    }

    /**
     * One area, one number: an admin area's value asked for on its own equals its row in the whole town's
     * breakdown, in network mode as in Euclidean mode (asked alone, its parcels arrive clipped to the area;
     * the covered part of a parcel must not depend on where it was cut). Tolerance 0.01 pp: asked alone, parcels
     * are cut by the area in PostGIS in lon/lat, in the breakdown by the engine in metres; the two cuts differ
     * by centimetres along the area's edge (≈0.001 pp seen). Before the fix network mode differed by 0.2–13 pp.
     */
    @Test
    void anAreaAskedAloneEqualsItsRowInTheBreakdown() {
        String layers = "?layers=demo-residential,demo-park,demo-facility,demo-admin-area,demo-built-up-area,demo-road";
        for (String indicator : List.of("park_service_coverage", "life_circle_coverage")) {
            for (String mode : List.of("network", "euclidean")) {
                String base = "/api/v1/indicators/" + indicator + layers + "&mode=" + mode;
                JsonNode town = ok(base);
                assertThat(town.path("breakdown").size()).isGreaterThan(1);
                for (JsonNode row : town.path("breakdown")) {
                    JsonNode alone = ok(base + "&area=" + row.path("areaId").asString());
                    assertThat(alone.path("value").asDouble()).as(indicator + " " + mode + " area " + row.path("areaId").asString()
                            + " alone vs its breakdown row").isCloseTo(row.path("value").asDouble(), within(0.01));
                    assertThat(alone.path("denominator").asDouble()).isCloseTo(row.path("denominator").asDouble(),
                            within(1e-4 * row.path("denominator").asDouble()));
                }
            }
        }
    }

    @Test
    void gapsAndCsvInNetworkMode() {
        JsonNode gaps = ok(LIFE.replace("life_circle_coverage?", "life_circle_coverage/gaps?") + ",demo-road");
        JsonNode first = null;
        for (JsonNode f : gaps.path("features")) {
            if (f.path("properties").path("kind").asString().equals("missing_facilities")) {
                first = f.path("properties");
                break;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.path("featureId").asString()).isNotBlank();
        assertThat(first.has("15min") || first.has("10min") || first.has("5min")).isTrue();
        Reply csv = get(LIFE + ",demo-road&f=csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        // the mode column (the residents columns of the coverage indicators follow it)
        int mode = java.util.Arrays.asList(lines[0].split(",")).indexOf("mode");
        assertThat(mode).as(lines[0]).isPositive();
        assertThat(lines[lines.length - 1].split(",", -1)[mode]).isEqualTo("network");
    }

    @Test
    void theCacheKeyHoldsTheModeAndTheRoadLayerVersion() {
        String roads = demoRoadsGeoJson(Integer.MAX_VALUE);
        try {
            assertThat(send("POST", "/api/v1/layers?name=nm-roads&kind=road&id=nm-roads", ADMIN, "application/geo+json",
                    roads).status()).isEqualTo(201);
            String q = LIFE + ",nm-roads";
            Reply v1 = get(q);
            assertThat(v1.status()).as(v1.body()).isEqualTo(200);
            String etag1 = v1.headers().firstValue("ETag").orElseThrow();
            assertThat(get(q, "If-None-Match", etag1).status()).isEqualTo(304);
            String eucEtag = get(q + "&mode=euclidean").headers().firstValue("ETag").orElseThrow();
            assertThat(eucEtag).isNotEqualTo(etag1);

            // version 2: half the streets gone, so fewer parcels reach everything
            assertThat(send("POST", "/api/v1/layers/nm-roads/versions", ADMIN, "application/geo+json",
                    demoRoadsGeoJson(2)).status()).isEqualTo(201);
            Reply v2 = get(q, "If-None-Match", etag1);
            assertThat(v2.status()).as("a new road version must not be answered 304").isEqualTo(200);
            assertThat(v2.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag1);
            assertThat(v2.json().path("layersUsed").toString()).contains("\"nm-roads\"").contains("\"version\":2");
            // (the demo town's levels are all at 0 %: compare the per-requirement figures)
            assertThat(v2.json().path("measures").toString()).isNotEqualTo(v1.json().path("measures").toString());
            assertThat(measure(v2.json(), "category.5min.bus_stop")).isLessThan(measure(v1.json(), "category.5min.bus_stop"));
            // the straight-line result does not depend on the roads: same ETag before and after
            assertThat(get(q + "&mode=euclidean").headers().firstValue("ETag").orElseThrow()).isEqualTo(eucEtag);
        } finally {
            send("DELETE", "/api/v1/layers/nm-roads", ADMIN, null, null);
        }
    }

    /** The demo town's road layer as GeoJSON, keeping every {@code every}-th feature (MAX_VALUE: all of them). */
    private String demoRoadsGeoJson(int every) {
        List<Feature> all = read(LayerKind.ROAD, "demo-road");
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < all.size(); i++) {
            if (every != Integer.MAX_VALUE && i % every != 0) {
                continue;
            }
            if (sb.charAt(sb.length() - 1) != '[') {
                sb.append(',');
            }
            Feature f = all.get(i);
            sb.append("{\"type\":\"Feature\",\"properties\":{\"class\":\"").append(f.text("class") == null ? "residential"
                    : f.text("class")).append("\"},\"geometry\":").append(org.greenplan.geo.GeoJson.write(f.geometry(), 7))
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    @Test
    void clearErrorsAndDocumentedBehaviour() {
        // mode=network without a road layer: 422 naming the missing kind
        Reply noRoad = get(LIFE + "&mode=network");
        assertThat(noRoad.status()).as(noRoad.body()).isEqualTo(422);
        assertThat(noRoad.json().path("field").asString()).isEqualTo("layers");
        assertThat(noRoad.json().path("missingKinds").toString()).isEqualTo("[\"road\"]");
        assertThat(get(PARK + "&mode=network").status()).isEqualTo(422);

        // bad mode, bad speed, speed together with distances: 400 naming the parameter
        for (String[] bad : new String[][] {{"&mode=walk", "mode"}, {"&speed=0", "speed"}, {"&speed=abc", "speed"},
                {"&speed=-80", "speed"}, {"&speed=1000", "speed"}, {"&speed=80&distance15min=900", "speed"}}) {
            Reply r = get(LIFE + ",demo-road" + bad[0]);
            assertThat(r.status()).as(bad[0] + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo(bad[1]);
            assertThat(r.contentType()).contains("application/problem+json");
        }
        // a valid speed: 5/10/15 minutes × 80 m/min = 400/800/1200 m, more generous than GB 50180's 300/500/1000
        JsonNode fast = ok(LIFE + ",demo-road&speed=80");
        assertThat(fast.path("parameters").path("speed").asDouble()).isEqualTo(80.0);
        assertThat(fast.path("value").asDouble()).isGreaterThanOrEqualTo(ok(LIFE + ",demo-road").path("value").asDouble());

        // a road layer with no walkable edge (motorways only): 422 naming layers
        String motorways = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"class\":\"motorway\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[119.95,30.40],[119.96,30.40]]}}]}";
        try {
            assertThat(send("POST", "/api/v1/layers?name=nm-motorway&kind=road&id=nm-motorway", ADMIN,
                    "application/geo+json", motorways).status()).isEqualTo(201);
            Reply r = get(LIFE + ",nm-motorway");
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().path("field").asString()).isEqualTo("layers");
            assertThat(r.json().path("detail").asString()).contains("nm-motorway");
        } finally {
            send("DELETE", "/api/v1/layers/nm-motorway", ADMIN, null, null);
        }

        // an empty facility category covers no one: 200, that requirement at 0 %, its levels at 0 %, a note says so
        String kindergartens = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",",
                read(LayerKind.FACILITY, "demo-facility").stream().filter(f -> "kindergarten".equals(f.text("category")))
                        .map(f -> "{\"type\":\"Feature\",\"properties\":{\"category\":\"kindergarten\"},\"geometry\":"
                                + org.greenplan.geo.GeoJson.write(f.geometry(), 7) + "}").toList()) + "]}";
        try {
            assertThat(send("POST", "/api/v1/layers?name=nm-kg&kind=facility&id=nm-kg", ADMIN, "application/geo+json",
                    kindergartens).status()).isEqualTo(201);
            JsonNode j = ok("/api/v1/indicators/life_circle_coverage?layers=demo-residential,nm-kg,demo-road");
            assertThat(j.path("value").asDouble()).isEqualTo(0.0);
            assertThat(measure(j, "category.15min.middle_school")).isEqualTo(0.0);
            assertThat(measure(j, "category.5min.kindergarten")).isGreaterThan(0.0);
            assertThat(j.path("notes").toString()).contains("No facility of 'middle_school'").contains("covers no one");
        } finally {
            send("DELETE", "/api/v1/layers/nm-kg", ADMIN, null, null);
        }
    }
}
