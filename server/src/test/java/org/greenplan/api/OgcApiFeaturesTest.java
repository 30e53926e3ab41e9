package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OGC API – Features Part 1 (Core + GeoJSON) as a client such as QGIS uses it: every document validated
 * against the standard's schemas, paging followed link by link, bbox results checked against PostGIS.
 */
class OgcApiFeaturesTest extends ServerTestSupport {

    private static final String LAYER = "t-ogc-points";
    private static final int N = 25;

    /** A 5 x 5 grid of facility points, 0.01° apart, south-west corner at 120.00°E 30.00°N. */
    @BeforeEach
    void fixture() {
        if (jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, LAYER) > 0) {
            return;
        }
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < N; i++) {
            double lon = 120.0 + (i % 5) * 0.01;
            double lat = 30.0 + (i / 5) * 0.01;
            fc.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"设施")
                    .append(i).append("\",\"category\":\"kindergarten\"},\"geometry\":{\"type\":\"Point\",")
                    .append("\"coordinates\":[").append(lon).append(',').append(lat).append("]}}");
        }
        fc.append("]}");
        Reply r = send("POST", "/api/v1/layers?name=网格设施&kind=facility&id=" + LAYER, ADMIN, "application/geo+json",
                fc.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void landingPageLinksToTheApiDefinitionConformanceAndData() {
        Reply r = get("/", "Accept", "application/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode landing = r.json();
        OgcSchemas.assertValid("landingPage", landing);
        Set<String> rels = new HashSet<>();
        for (JsonNode link : landing.path("links")) {
            rels.add(link.path("rel").asString());
            String path = link.path("href").asString().substring(url("").length());
            assertThat(get(path, "Accept", link.path("type").asString()).status()).as(path).isEqualTo(200);
        }
        assertThat(rels).contains("self", "service-desc", "conformance", "data");
        assertThat(get("/?f=json").json().path("title").asString()).isEqualTo("greenplan");
    }

    @Test
    void browsersGetTheMapAtTheSameAddress() {
        Reply html = get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("leaflet");
        assertThat(get("/?f=html").contentType()).startsWith("text/html");
        assertThat(get("/?f=xml").status()).isEqualTo(400);
    }

    @Test
    void conformanceDeclaresCoreAndGeoJson() {
        JsonNode c = get("/conformance").json();
        OgcSchemas.assertValid("confClasses", c);
        assertThat(StreamSupport.stream(c.path("conformsTo").spliterator(), false).map(JsonNode::asString))
                .contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
    }

    @Test
    void collectionsCarryKindVersionCountAndExtent() {
        JsonNode all = get("/collections").json();
        OgcSchemas.assertValid("collections", all);
        JsonNode mine = null;
        for (JsonNode c : all.path("collections")) {
            if (c.path("id").asString().equals(LAYER)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        JsonNode one = get("/collections/" + LAYER).json();
        OgcSchemas.assertValid("collection", one);
        assertThat(one).isEqualTo(mine);
        assertThat(one.path("kind").asString()).isEqualTo("facility");
        assertThat(one.path("kindName").path("zh").asString()).isEqualTo("公共服务设施");
        assertThat(one.path("version").asInt()).isEqualTo(1);
        assertThat(one.path("featureCount").asInt()).isEqualTo(N);
        JsonNode bbox = one.path("extent").path("spatial").path("bbox").get(0);
        assertThat(bbox.get(0).asDouble()).isEqualTo(120.0);
        assertThat(bbox.get(1).asDouble()).isEqualTo(30.0);
        assertThat(bbox.get(2).asDouble()).isEqualTo(120.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bbox.get(3).asDouble()).isEqualTo(30.04, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void pagingByNextLinksVisitsEveryFeatureOnce() {
        Set<Long> seen = new HashSet<>();
        String path = "/collections/" + LAYER + "/items?limit=10";
        int pages = 0;
        while (path != null) {
            Reply r = get(path);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/geo+json");
            JsonNode page = r.json();
            OgcSchemas.assertValid("featureCollection", page);
            assertThat(page.path("numberMatched").asInt()).isEqualTo(N);
            assertThat(page.path("numberReturned").asInt()).isEqualTo(page.path("features").size()).isLessThanOrEqualTo(10);
            for (JsonNode f : page.path("features")) {
                assertThat(seen.add(f.path("id").asLong())).as("feature seen twice").isTrue();
            }
            path = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asString().equals("next")) {
                    path = link.path("href").asString().substring(url("").length());
                }
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(N);
    }

    @Test
    void bboxReturnsExactlyWhatPostgisSaysIntersects() {
        String box = "120.005,30.005,120.025,30.035";
        JsonNode page = get("/collections/" + LAYER + "/items?limit=100&bbox=" + box).json();
        OgcSchemas.assertValid("featureCollection", page);
        long expected = jdbc.queryForObject("""
                SELECT count(*) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = ? AND ST_Intersects(f.geom, ST_MakeEnvelope(120.005, 30.005, 120.025, 30.035, 4326))
                """, Long.class, LAYER);
        assertThat(expected).isEqualTo(2 * 3); // columns 120.01, 120.02; rows 30.01, 30.02, 30.03
        assertThat(page.path("numberMatched").asLong()).isEqualTo(expected);
        assertThat(page.path("features").size()).isEqualTo((int) expected);
        for (JsonNode f : page.path("features")) {
            double lon = f.path("geometry").path("coordinates").get(0).get(0).asDouble();
            double lat = f.path("geometry").path("coordinates").get(0).get(1).asDouble();
            assertThat(lon).isBetween(120.005, 120.025);
            assertThat(lat).isBetween(30.005, 30.035);
        }
        // paging inside a bbox keeps the bbox in the next link
        JsonNode first = get("/collections/" + LAYER + "/items?limit=4&bbox=" + box).json();
        assertThat(first.path("numberMatched").asLong()).isEqualTo(expected);
        String next = StreamSupport.stream(first.path("links").spliterator(), false)
                .filter(l -> l.path("rel").asString().equals("next")).findFirst().orElseThrow()
                .path("href").asString();
        assertThat(get(next.substring(url("").length())).json().path("numberReturned").asInt()).isEqualTo(2);
    }

    @Test
    void singleFeaturesAndMissingThings() {
        JsonNode page = get("/collections/" + LAYER + "/items?limit=1").json();
        long id = page.path("features").get(0).path("id").asLong();
        Reply one = get("/collections/" + LAYER + "/items/" + id);
        assertThat(one.status()).isEqualTo(200);
        OgcSchemas.assertValid("feature", one.json());
        assertThat(one.json().path("properties").path("category").asString()).isEqualTo("kindergarten");

        Reply missing = get("/collections/" + LAYER + "/items/999999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(get("/collections/" + LAYER + "/items/abc").status()).isEqualTo(404);
        assertThat(get("/collections/no-such-layer").status()).isEqualTo(404);
        assertThat(get("/collections/no-such-layer/items").status()).isEqualTo(404);
    }

    @Test
    void invalidParametersAre400sNamingTheParameter() {
        String items = "/collections/" + LAYER + "/items";
        assertField(get(items + "?foo=1"), "foo");
        assertField(get(items + "?limit=0"), "limit");
        assertField(get(items + "?limit=ten"), "limit");
        assertField(get(items + "?offset=-1"), "offset");
        assertField(get(items + "?bbox=1,2,3"), "bbox");
        assertField(get(items + "?bbox=120,31,121,30"), "bbox");
        assertField(get(items + "?bbox=a,b,c,d"), "bbox");
        assertField(get(items + "?f=dwg"), "f"); // f=shp, gpkg, csv are downloads (LayerExportTest)
        // a limit above the maximum is served at the maximum, as Part 1 permits
        assertThat(get(items + "?limit=50000").json().path("numberReturned").asInt()).isEqualTo(N);
        // a 3D bbox is accepted, heights ignored
        assertThat(get(items + "?bbox=119,29,0,121,31,100").json().path("numberMatched").asInt()).isEqualTo(N);
    }

    @Test
    void theSchemaCheckItselfCatchesABrokenDocument() {
        JsonNode broken = JSON.readTree("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]},\"properties\":{}}],\"numberMatched\":-1}");
        assertThat(OgcSchemas.errors("featureCollection", broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void apiDefinitionDescribesTheFeatureEndpoints() {
        Reply r = get("/api");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/vnd.oai.openapi+json");
        JsonNode api = r.json();
        assertThat(api.path("openapi").asString()).startsWith("3.0");
        assertThat(api.path("paths").has("/collections/{collectionId}/items")).isTrue();
        assertThat(api.path("paths").has("/collections/{collectionId}/items/{featureId}")).isTrue();
        assertThat(api.path("paths").has("/conformance")).isTrue();
    }

    @Test
    void dashboardsOnOtherOriginsMayCallTheApi() {
        Reply r = get("/collections/" + LAYER + "/items?limit=1", "Origin", "https://dashboard.example.cn");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://dashboard.example.cn");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    private static void assertField(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo(field);
        assertThat(r.json().path("reason").asString()).isNotBlank();
    }

    /**
     * The demo town ships its parks with a history (gis-data/demo/layers.json "earlier"): the 2020 survey is version 1
     * (32 parks), today's file version 2 (46), so the dashboard's version comparison has something to compare; their
     * diff is the 14 parks of the pocket-park programme, added, nothing removed or changed (ids are the files').
     */
    @Test
    void theDemoParksHaveTheir2020SurveyAsVersionOne() {
        JsonNode layer = get("/api/v1/layers/demo-park").json();
        assertThat(layer.path("version").asInt()).isEqualTo(2);
        List<Integer> counts = new java.util.ArrayList<>();
        layer.path("versions").forEach(v -> counts.add(v.path("featureCount").asInt()));
        assertThat(counts).containsExactly(32, 46);
        JsonNode diff = get("/collections/demo-park/items?version=2&diffFrom=1").json();
        assertThat(diff.at("/counts/added").asInt()).isEqualTo(14);
        assertThat(diff.at("/counts/removed").asInt()).isZero();
        assertThat(diff.at("/counts/modified").asInt()).isZero();
        diff.path("features").forEach(f -> assertThat(f.at("/properties/attributes/class").asString())
                .isIn("游园", "口袋公园"));
    }
}
