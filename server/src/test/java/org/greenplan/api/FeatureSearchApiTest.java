package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import tools.jackson.databind.JsonNode;

/** The items endpoint's name filter ({@code q}), used by the map page's search box. */
class FeatureSearchApiTest extends ServerTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.greenplan.layer.NameSearchIndexes nameIndexes;

    /** Five names chosen so each query's answer can be counted by hand. */
    private static final String PARKS = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"Lake Park"},"geometry":{"type":"Polygon","coordinates":[[[121,31],[121.001,31],[121.001,31.001],[121,31]]]}},
             {"type":"Feature","properties":{"name":"lake_side 湖滨"},"geometry":{"type":"Polygon","coordinates":[[[121.01,31],[121.011,31],[121.011,31.001],[121.01,31]]]}},
             {"type":"Feature","properties":{"name":"50% Park"},"geometry":{"type":"Polygon","coordinates":[[[121.02,31],[121.021,31],[121.021,31.001],[121.02,31]]]}},
             {"type":"Feature","properties":{"name":"南湖公园"},"geometry":{"type":"Polygon","coordinates":[[[121.03,31],[121.031,31],[121.031,31.001],[121.03,31]]]}},
             {"type":"Feature","properties":{"name":"Lakeview\\\\North"},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.5],[121.501,31.5],[121.501,31.501],[121.5,31.5]]]}}]}""";

    @AfterEach
    void dropLayer() {
        send("DELETE", "/api/v1/layers/t-search", ADMIN, null, null);
    }

    private void createLayer() {
        Reply r = send("POST", "/api/v1/layers?name=search&kind=park&id=t-search", ANALYST, "application/geo+json", PARKS);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static List<String> names(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.path("features").forEach(f -> out.add(f.path("properties").path("name").asString()));
        return out;
    }

    private JsonNode search(String layer, String q, String extra) {
        Reply r = get("/collections/" + layer + "/items?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void findsNamesContainingTheTextCaseInsensitivelyWithWildcardsTakenLiterally() {
        createLayer();
        assertThat(names(search("t-search", "LAKE", ""))).containsExactly("Lake Park", "lake_side 湖滨", "Lakeview\\North");
        assertThat(names(search("t-search", "park", ""))).containsExactly("Lake Park", "50% Park");
        assertThat(names(search("t-search", "湖", ""))).containsExactly("lake_side 湖滨", "南湖公园");
        assertThat(names(search("t-search", "南湖公园", ""))).containsExactly("南湖公园");
        // LIKE's wildcards and escape character match only themselves
        assertThat(names(search("t-search", "%", ""))).containsExactly("50% Park");
        assertThat(names(search("t-search", "_", ""))).containsExactly("lake_side 湖滨");
        assertThat(names(search("t-search", "\\", ""))).containsExactly("Lakeview\\North");
        assertThat(names(search("t-search", "e_s", ""))).containsExactly("lake_side 湖滨");
        assertThat(search("t-search", "Lake%Park", "").path("numberMatched").asInt()).isZero();
        // combined with a bbox: only the far-away Lakeview is outside 121..121.1
        assertThat(names(search("t-search", "lake", "&bbox=121,30.9,121.1,31.1"))).containsExactly("Lake Park", "lake_side 湖滨");
    }

    @Test
    void pagesCarryTheFilterAndCountAllMatches() {
        createLayer();
        JsonNode first = search("t-search", "lake", "&limit=2");
        assertThat(first.path("numberMatched").asInt()).isEqualTo(3);
        assertThat(first.path("numberReturned").asInt()).isEqualTo(2);
        String next = null;
        for (JsonNode l : first.path("links")) {
            if (l.path("rel").asString().equals("next")) {
                next = l.path("href").asString();
            }
        }
        assertThat(next).contains("q=lake");
        JsonNode second = JSON.readTree(get(next.substring(next.indexOf("/collections"))).body());
        assertThat(names(second)).containsExactly("Lakeview\\North");
    }

    @Test
    void demoFeaturesAreFoundByChineseNameAsAnIndependentSubstringTestFindsThem() {
        // the demo facilities and parks: strpos on the lower-cased name is an independent way to the same answer
        for (String layer : List.of("demo-facility", "demo-park", "demo-road")) {
            for (String q : List.of("幼儿园", "南湖", "公园", "街")) {
                List<Long> expected = jdbc.queryForList("""
                        SELECT f.id FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                         WHERE l.id = ? AND strpos(lower(f.properties->>'name'), lower(?)) > 0 ORDER BY f.id""",
                        Long.class, layer, q);
                JsonNode fc = search(layer, q, "&limit=10000");
                List<Long> ids = new ArrayList<>();
                fc.path("features").forEach(f -> ids.add(f.path("id").asLong()));
                assertThat(ids).as(layer + " q=" + q).isEqualTo(expected);
                assertThat(fc.path("numberMatched").asLong()).isEqualTo(expected.size());
            }
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = 'demo-facility' AND f.properties->>'name' = '凤凰幼儿园'""", Long.class)).isEqualTo(1);
        assertThat(names(search("demo-facility", "凤凰幼儿园", ""))).containsExactly("凤凰幼儿园");
    }

    @Test
    void theTrigramIndexCanServeTheSubstringMatch() {
        long version = jdbc.queryForObject("SELECT current_version_id FROM layer WHERE id = 'demo-facility'", Long.class);
        // each version's table gets its own trigram index, built in the background after publishing (Flyway V20):
        // waiting for the pass in progress, if any, then building what is still missing
        nameIndexes.buildMissing();
        String index = "v" + version + "_name_trgm";
        assertThat(jdbc.queryForObject("""
                SELECT x.indisvalid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                 WHERE c.relname = ? AND x.indrelid = ?::text::regclass""", Boolean.class, index, "features.v" + version))
                .isTrue();
        String plan = jdbc.execute((ConnectionCallback<String>) c -> {
            c.setAutoCommit(false); // SET LOCAL lasts until the rollback below, not beyond this borrowed connection
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                StringBuilder out = new StringBuilder();
                try (var rs = s.executeQuery("EXPLAIN SELECT id FROM feature WHERE version_id = " + version
                        + " AND properties->>'name' ILIKE '%幼儿园%'")) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
                return out.toString();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
        assertThat(plan).contains("Bitmap Index Scan on " + index).doesNotContain("Seq Scan");
    }

    @Test
    void anEmptyOrOverlongQueryIsA400NamingQ() {
        for (String q : List.of("", "x".repeat(101))) {
            Reply r = get("/collections/demo-park/items?q=" + q);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).isEqualTo("q");
        }
    }
}
