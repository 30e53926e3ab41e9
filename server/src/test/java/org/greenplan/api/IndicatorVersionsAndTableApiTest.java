package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Before/after a plan ({@code versions=layerId:version}) and the whole indicator table as CSV
 * ({@code /api/v1/indicators.csv}), over real HTTP against the demo town in PostGIS.
 */
public class IndicatorVersionsAndTableApiTest extends ServerTestSupport {

    private static final String LAYER = "t-cmp-park";
    private static final String COVERAGE = "/api/v1/indicators/park_service_coverage?layers=demo-residential," + LAYER;

    /**
     * The residential land served by version 1's parks and by none of version 2's, in the GK zone the engine
     * measured in: with version 2 = version 1 less one park, the area that park alone covered. Summed per
     * parcel, as the engine sums parcels; buffers as the engine draws them (16 segments per quarter circle).
     */
    private static final String ALONE_COVERED = """
            WITH parks AS (
                SELECT version_id, ST_MakeValid(ST_Transform(geom, %1$d)) AS g FROM feature WHERE version_id IN (?, ?)),
            served AS (
                SELECT version_id, ST_Union(CASE WHEN ST_Area(g) >= 5000 THEN ST_Buffer(g, 500, 'quad_segs=16')
                                                 ELSE ST_Buffer(g, 300, 'quad_segs=16') END) AS g
                  FROM parks WHERE ST_Area(g) >= 2000 GROUP BY version_id),
            lost AS (
                SELECT ST_Difference(a.g, coalesce(b.g, 'POLYGON EMPTY'::geometry)) AS g
                  FROM served a LEFT JOIN served b ON b.version_id = ? WHERE a.version_id = ?)
            SELECT coalesce(sum(ST_Area(ST_Intersection(ST_MakeValid(ST_Transform(r.geom, %1$d)), lost.g))), 0)
              FROM feature r, lost WHERE r.version_id = ?""";

    @Test
    void aPinnedVersionIsMeasuredAndRemovingAParkLosesExactlyTheLandItAloneServed() throws IOException {
        String before = Files.readString(Path.of("gis-data/demo/park.geojson"));
        ObjectNode after = (ObjectNode) JSON.readTree(before);
        ArrayNode parks = (ArrayNode) after.get("features");
        int largest = 0;
        for (int i = 0; i < parks.size(); i++) {
            if (parks.get(i).path("properties").path("area_m2").asDouble()
                    > parks.get(largest).path("properties").path("area_m2").asDouble()) {
                largest = i;
            }
        }
        String removedName = parks.get(largest).path("properties").path("name").asString();
        parks.remove(largest);
        assertThat(send("POST", "/api/v1/layers?name=plan&kind=park&id=" + LAYER, ANALYST, "application/geo+json",
                before).status()).isEqualTo(201);
        try {
            assertThat(send("POST", "/api/v1/layers/" + LAYER + "/versions", ANALYST, "application/geo+json",
                    JSON.writeValueAsString(after)).status()).isEqualTo(201);

            JsonNode v1 = ok(COVERAGE + "&versions=" + LAYER + ":1");
            JsonNode v2 = ok(COVERAGE + "&versions=" + LAYER + ":2");
            JsonNode current = ok(COVERAGE);
            assertThat(IndicatorApiTest.find(v1.path("layersUsed"), LAYER).path("version").asInt()).isEqualTo(1);
            assertThat(IndicatorApiTest.find(v2.path("layersUsed"), LAYER).path("version").asInt()).isEqualTo(2);
            // the current version is 2: pinning it changes nothing
            assertThat(current.path("value").asDouble()).isEqualTo(v2.path("value").asDouble());
            assertThat(v1.path("denominator").asDouble()).isEqualTo(v2.path("denominator").asDouble());

            long res = versionId("demo-residential", current);
            long id1 = jdbc.queryForObject("SELECT id FROM layer_version WHERE layer_id = ? AND version = 1", Long.class, LAYER);
            long id2 = jdbc.queryForObject("SELECT id FROM layer_version WHERE layer_id = ? AND version = 2", Long.class, LAYER);
            int epsg = v1.path("measuredInEpsg").asInt();
            assertThat(v2.path("measuredInEpsg").asInt()).isEqualTo(epsg);
            double alone = jdbc.queryForObject(ALONE_COVERED.formatted(epsg), Double.class, id1, id2, id2, id1, res);
            double lost = v1.path("numerator").asDouble() - v2.path("numerator").asDouble();
            System.out.printf("removing %s: coverage %.3f%% -> %.3f%%, lost %.1f m2, PostGIS %.1f m2%n", removedName,
                    v1.path("value").asDouble(), v2.path("value").asDouble(), lost, alone);
            assertThat(alone).as("land only " + removedName + " served, m²").isGreaterThan(1000);
            // buffers of 16 segments per quarter on both sides; the engine adds 1 mm to each radius
            assertThat(lost).as("covered area lost, m² (PostGIS: %.1f)", alone).isCloseTo(alone, within(alone * 0.001 + 5));
            assertThat(v1.path("value").asDouble() - v2.path("value").asDouble())
                    .isCloseTo(100 * alone / v1.path("denominator").asDouble(), within(0.01));

            // different versions are different cache entries and ETags
            assertThat(get(COVERAGE + "&versions=" + LAYER + ":1").headers().firstValue("ETag"))
                    .isNotEqualTo(get(COVERAGE).headers().firstValue("ETag"));
            // the table export takes the same pin
            Map<String, String[]> table = rows(get("/api/v1/indicators.csv?layers=demo-residential," + LAYER
                    + "&versions=" + LAYER + ":1").body());
            assertThat(Double.parseDouble(table.get("park_service_coverage")[5]))
                    .isCloseTo(v1.path("value").asDouble(), within(1e-6));
            assertThat(table.get("park_service_coverage")[15]).contains(LAYER + ":1");

            problem(COVERAGE + "&versions=" + LAYER + ":7", "versions");
            problem(COVERAGE + "&versions=" + LAYER + "-2", "versions");
            problem(COVERAGE + "&versions=no-such-layer:1", "versions");
            problem(COVERAGE + "&versions=" + LAYER + ":1," + LAYER + ":2", "versions");
            problem(COVERAGE + "&versions=demo-park:1", "versions"); // pinned but not among layers=
        } finally {
            send("DELETE", "/api/v1/layers/" + LAYER, ADMIN, null, null);
        }
    }

    @Test
    void theTableCsvHasOneRowPerIndicatorWithTheJsonValuesAndTargets() {
        String layers = "demo-residential,demo-park,demo-admin-area,demo-built-up-area,demo-greenway,demo-sponge-zone,"
                + "demo-facility,demo-construction-land,demo-ecological-red-line,demo-permanent-farmland,"
                + "demo-town-development-boundary";
        Reply r = get("/api/v1/indicators.csv?targets=zhejiang-beautiful-towns&year=2023&layers=" + layers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(r.body().charAt(0)).isEqualTo('\uFEFF');
        assertThat(r.body().substring(1)).startsWith("indicator,name_zh,name_en,area_id,area_name,value,unit,")
                .contains(",computed_at,residents_covered,residents\r\n");
        Map<String, String[]> table = rows(r.body());
        JsonNode catalogue = get("/api/v1/indicators").json().path("indicators");
        assertThat(table).hasSize(catalogue.size());
        int compared = 0;
        int withResidents = 0;
        for (JsonNode d : catalogue) {
            String id = d.path("id").asString();
            String[] row = table.get(id);
            assertThat(row).as(id).isNotNull();
            assertThat(row[1]).isEqualTo(d.path("name").path("zh").asString());
            Reply one = get("/api/v1/indicators/" + id + "?targets=zhejiang-beautiful-towns&year=2023&layers=" + layers);
            if (one.status() == 422) {
                assertThat(row[13]).isEqualTo("missing_layers");
                assertThat(row[17] + row[18]).as(id + " residents").isEmpty();
                continue;
            }
            JsonNode j = one.json();
            // residents covered and residents: the residents_covered measure's numerator and denominator, or empty
            JsonNode covered = null;
            for (JsonNode m : j.path("measures")) {
                if (m.path("id").asString().equals("residents_covered")) {
                    covered = m;
                }
            }
            if (covered == null) {
                assertThat(row[17] + row[18]).as(id + " residents").isEmpty();
            } else {
                withResidents++;
                assertThat(Double.parseDouble(row[17])).as(id).isCloseTo(covered.path("numerator").asDouble(), within(1e-6));
                assertThat(Double.parseDouble(row[18])).as(id).isCloseTo(covered.path("denominator").asDouble(), within(1e-6));
                assertThat(Double.parseDouble(row[18])).as(id + " the demo town's residents").isGreaterThan(100_000);
            }
            assertThat(Double.parseDouble(row[5])).as(id).isCloseTo(j.path("value").asDouble(), within(1e-6));
            assertThat(row[6]).isEqualTo(j.path("unit").asString());
            if (j.path("target").isObject()) {
                assertThat(row[10]).isEqualTo("2023");
                assertThat(Double.parseDouble(row[12])).isEqualTo(j.path("target").path("value").asDouble());
                assertThat(row[13]).isEqualTo(j.path("status").asString());
                assertThat(Double.parseDouble(row[14])).isCloseTo(j.path("distanceToTarget").asDouble(), within(1e-6));
            } else {
                assertThat(row[13]).isEqualTo("no_target");
            }
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(6);
        assertThat(withResidents).as("park service and life circle coverage").isEqualTo(2);
        // park coverage in 2023 is judged against the Zhejiang table's 88 %
        assertThat(Double.parseDouble(table.get("park_service_coverage")[12])).isEqualTo(88.0);

        assertThat(get("/api/v1/indicators.csv?targets=nope").status()).isEqualTo(400);
        assertThat(get("/api/v1/indicators.csv?year=20x5").json().path("field").asString()).isEqualTo("year");
        assertThat(get("/api/v1/indicators.csv?area=no-such-area").json().path("field").asString()).isEqualTo("area");
    }

    private JsonNode ok(String path) {
        Reply r = get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private void problem(String path, String field) {
        Reply r = get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo(field);
        assertThat(r.json().path("reason").asString()).isNotBlank();
    }

    private long versionId(String layerId, JsonNode run) {
        int version = IndicatorApiTest.find(run.path("layersUsed"), layerId).path("version").asInt();
        return jdbc.queryForObject("SELECT id FROM layer_version WHERE layer_id = ? AND version = ?", Long.class,
                layerId, version);
    }

    /** The CSV rows by indicator id (RFC 4180, read by {@link SpreadsheetCsvTest#parse}). */
    public static Map<String, String[]> rows(String csv) {
        Map<String, String[]> rows = new HashMap<>();
        List<List<String>> table = SpreadsheetCsvTest.parse(csv);
        for (List<String> row : table.subList(1, table.size())) {
            assertThat(row).as(String.join(",", row)).hasSize(19);
            rows.put(row.get(0), row.toArray(String[]::new));
        }
        return rows;
    }
}
