package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST/DELETE /api/v1/layers over real HTTP against the real PostGIS: transactions, auth, bad input. */
class LayerImportTest extends ServerTestSupport {

    static final String TWO_PARKS = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"p1","properties":{"name":"西溪公园","area":12000},
              "geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.001,30.0],[120.001,30.001],[120.0,30.001],[120.0,30.0]]]}},
             {"type":"Feature","properties":{"name":"口袋公园","it's":"a \\"quote\\"; DROP TABLE layer;--"},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[120.002,30.0],[120.0025,30.0],[120.0025,30.0005],[120.002,30.0]]]]}}
            ]}""";

    private long layersNamed(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, id);
    }

    /** Each version keeps its features in a table of its own, features.v<id> (Flyway V20). */
    private long versionTables() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'features'", Long.class);
    }

    private long featureRows() {
        return jdbc.queryForObject("SELECT count(*) FROM feature", Long.class);
    }

    @Test
    void createsALayerVersionThatTheFeatureApiServes() {
        Reply r = send("POST", "/api/v1/layers?name=测试公园&kind=park&id=t-parks", ANALYST, "application/geo+json",
                TWO_PARKS);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/collections/t-parks");
        JsonNode created = r.json();
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("featureCount").asInt()).isEqualTo(2);

        JsonNode items = get("/collections/t-parks/items?limit=10").json();
        assertThat(items.path("numberMatched").asInt()).isEqualTo(2);
        JsonNode first = items.path("features").get(0);
        assertThat(first.path("properties").path("name").asString()).isEqualTo("西溪公园");
        assertThat(first.path("sourceId").asString()).isEqualTo("p1");
        // single polygons are stored as multi-part, so a layer has one geometry type
        assertThat(first.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        // an attribute name full of SQL is just data
        assertThat(items.path("features").get(1).path("properties").path("it's").asString()).contains("DROP TABLE");

        // the stored area is the area of what was sent: 0.001° x 0.001° at 30°N ≈ 96.4 m x 111.0 m
        double area = jdbc.queryForObject("""
                SELECT ST_Area(geom::geography) FROM feature f JOIN layer_version v ON v.id = f.version_id
                 WHERE v.layer_id = 't-parks' AND f.source_id = 'p1'""", Double.class);
        assertThat(area).isCloseTo(96.49 * 110.85, within(150.0));

        assertThat(send("DELETE", "/api/v1/layers/t-parks", ADMIN, null, null).status()).isEqualTo(204);
        assertThat(layersNamed("t-parks")).isZero();
        assertThat(get("/collections/t-parks").status()).isEqualTo(404);
    }

    @Test
    void aNewVersionReplacesTheCurrentOneAndTheOldOneStaysQueryable() {
        assertThat(send("POST", "/api/v1/layers?name=v&kind=park&id=t-versions", ADMIN, "application/json",
                TWO_PARKS).status()).isEqualTo(201);
        String one = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"新公园"},
                 "geometry":{"type":"Polygon","coordinates":[[[121,31],[121.001,31],[121.001,31.001],[121,31]]]}}]}""";
        Reply r = send("POST", "/api/v1/layers/t-versions/versions", ANALYST, "application/geo+json", one);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("version").asInt()).isEqualTo(2);
        assertThat(get("/collections/t-versions/items").json().path("numberMatched").asInt()).isEqualTo(1);
        assertThat(get("/collections/t-versions/items?version=1").json().path("numberMatched").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/layers/t-versions").json().path("versions").size()).isEqualTo(2);
        // each version is a partition of feature holding exactly its own rows
        var counts = jdbc.queryForList("""
                SELECT v.version, v.feature_count, c.relname,
                       (SELECT count(*) FROM feature f WHERE f.version_id = v.id) AS via_parent
                  FROM layer_version v JOIN pg_class c ON c.relname = 'v' || v.id
                  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'features'
                  JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'feature'::regclass
                 WHERE v.layer_id = 't-versions' ORDER BY v.version""");
        assertThat(counts).hasSize(2);
        assertThat(counts.get(0).get("via_parent")).isEqualTo(2L);
        assertThat(counts.get(1).get("via_parent")).isEqualTo(1L);
        // the search box's trigram index of each version is built in the background after publishing
        String indexed = """
                SELECT count(*) FROM layer_version v JOIN pg_class c ON c.relname = 'v' || v.id || '_name_trgm'
                  JOIN pg_index x ON x.indexrelid = c.oid AND x.indisvalid WHERE v.layer_id = 't-versions'""";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (jdbc.queryForObject(indexed, Long.class) < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(jdbc.queryForObject(indexed, Long.class)).isEqualTo(2);
        long tables = versionTables();
        send("DELETE", "/api/v1/layers/t-versions", ADMIN, null, null);
        // deleting the layer drops its versions' tables
        assertThat(versionTables()).isEqualTo(tables - 2);
    }

    @Test
    void aFailingImportLeavesNoTrace() {
        long before = featureRows();
        long tables = versionTables();
        // the first feature is fine, the second is a line: the whole import must be refused
        String mixed = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
                 {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}""";
        Reply r = send("POST", "/api/v1/layers?name=x&kind=park&id=t-mixed", ADMIN, "application/geo+json", mixed);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("field").asString()).isEqualTo("features");
        assertThat(p.path("errors").get(0).path("feature").asInt()).isEqualTo(1);
        assertThat(p.path("errors").get(0).path("reason").asString())
                .contains("LineString cannot go into a polygon layer");
        assertThat(layersNamed("t-mixed")).isZero();
        assertThat(featureRows()).isEqualTo(before);
        assertThat(versionTables()).isEqualTo(tables);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer_version WHERE layer_id = 't-mixed'", Long.class))
                .isZero();
    }

    @Test
    void aFailedNewVersionKeepsTheLayerAsItWas() {
        send("POST", "/api/v1/layers?name=keep&kind=park&id=t-keep", ADMIN, "application/geo+json", TWO_PARKS);
        Reply r = send("POST", "/api/v1/layers/t-keep/versions", ADMIN, "application/geo+json", "{\"type\":");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("body");
        JsonNode layer = get("/api/v1/layers/t-keep").json();
        assertThat(layer.path("version").asInt()).isEqualTo(1);
        assertThat(layer.path("versions").size()).isEqualTo(1);
        send("DELETE", "/api/v1/layers/t-keep", ADMIN, null, null);
    }

    @Test
    void invalidPolygonsAreRepairedAndCounted() {
        String bowtie = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}]}""";
        Reply r = send("POST", "/api/v1/layers?name=bow&kind=residential&id=t-bowtie", ADMIN, "application/geo+json",
                bowtie);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("repaired").asInt()).isEqualTo(1);
        assertThat(r.json().path("repairs").get(0).path("reason").asString()).startsWith("repaired: Self-intersection");
        assertThat(jdbc.queryForObject("""
                SELECT bool_and(ST_IsValid(geom)) FROM feature f JOIN layer_version v ON v.id = f.version_id
                 WHERE v.layer_id = 't-bowtie'""", Boolean.class)).isTrue();
        send("DELETE", "/api/v1/layers/t-bowtie", ADMIN, null, null);
    }

    @Test
    void uploadsNeedAnAnalystTokenAndDeletesAnAdminToken() {
        Reply none = send("POST", "/api/v1/layers?name=x&kind=park", null, "application/geo+json", TWO_PARKS);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(none.json().path("field").asString()).isEqualTo("Authorization");
        assertThat(send("POST", "/api/v1/layers?name=x&kind=park", "wrong", "application/geo+json", TWO_PARKS)
                .status()).isEqualTo(401);
        Reply reader = send("POST", "/api/v1/layers?name=x&kind=park", READER, "application/geo+json", TWO_PARKS);
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.json().path("reason").asString()).contains("analyst");

        send("POST", "/api/v1/layers?name=x&kind=park&id=t-auth", ANALYST, "application/geo+json", TWO_PARKS);
        assertThat(send("DELETE", "/api/v1/layers/t-auth", ANALYST, null, null).status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/layers/t-auth", null, null, null).status()).isEqualTo(401);
        assertThat(layersNamed("t-auth")).isEqualTo(1);
        assertThat(send("DELETE", "/api/v1/layers/t-auth", ADMIN, null, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/layers/t-auth", ADMIN, null, null).status()).isEqualTo(404);
    }

    @Test
    void badRequestsAreExplainedAsProblems() {
        Reply unknownKind = send("POST", "/api/v1/layers?name=x&kind=lake", ADMIN, "application/geo+json", TWO_PARKS);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().path("field").asString()).isEqualTo("kind");
        assertThat(unknownKind.json().path("reason").asString()).contains("unknown layer kind 'lake'");

        Reply empty = send("POST", "/api/v1/layers?name=x&kind=park&id=t-empty", ADMIN, "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("reason").asString()).contains("no features");
        assertThat(layersNamed("t-empty")).isZero();

        Reply notJson = send("POST", "/api/v1/layers?name=x&kind=park", ADMIN, "application/geo+json", "<xml/>");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("reason").asString()).contains("not valid JSON");

        Reply noName = send("POST", "/api/v1/layers?kind=park", ADMIN, "application/geo+json", TWO_PARKS);
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("field").asString()).isEqualTo("name");

        Reply badId = send("POST", "/api/v1/layers?name=x&kind=park&id=Bad%20Id", ADMIN, "application/geo+json",
                TWO_PARKS);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("field").asString()).isEqualTo("id");

        Reply nanCoords = send("POST", "/api/v1/layers?name=x&kind=facility&id=t-nan", ADMIN, "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"NaN\",1]}}]}");
        assertThat(nanCoords.status()).isEqualTo(422);
        assertThat(nanCoords.json().path("errors").get(0).path("reason").asString()).contains("not numeric");
        assertThat(layersNamed("t-nan")).isZero();

        assertThat(send("POST", "/api/v1/layers?name=x&kind=park", ADMIN, "text/plain", TWO_PARKS).status())
                .isEqualTo(415);
    }
}
