package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.greenplan.network.TestNetworks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real OSM extract (../shared/data, Shenzhen Dayun) uploaded as a facility layer: its OSM tags
 * (highway=bus_stop, amenity=school, leisure=pitch …) become the categories the life circle asks for.
 * Before the OSM rows of kind/facility-categories.csv every one of them fell out as "not recognised".
 */
class RealSourceCategoriesTest extends ImportTestSupport {

    @Test
    void osmTagsOfARealExtractBecomeCategories() throws Exception {
        Path data = TestNetworks.sharedData();
        Assumptions.assumeTrue(data != null, "shared OSM data not present");
        Path file = data.resolve("shenzhen_longgang_dayun/facilities.geojson");
        Assumptions.assumeTrue(Files.exists(file), "Dayun extract not present");
        JsonNode job = importAndWait(file, "facilities.geojson", "layer", "大运 OSM 设施", "kind", "facility",
                "id", "ti-osm-facilities");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode f : items("ti-osm-facilities")) {
            counts.merge(f.path("properties").path("category").asString(), 1, Integer::sum);
        }
        // counted from the file: 16 highway=bus_stop, 10 leisure=pitch, 8 leisure=sports_centre, 4 amenity=library,
        // 4 amenity=school, 1 amenity=kindergarten, 1 shop=supermarket, 1 shop=convenience
        assertThat(counts).isEqualTo(Map.of("bus_stop", 16, "sports_field", 10, "sports_center", 8, "library", 4,
                "school", 4, "kindergarten", 1, "supermarket", 1, "convenience_store", 1));
        assertThat(job.path("report").path("warnings").toString()).doesNotContain("highway=bus_stop");

        // the life circle now counts the bus stops on the extract's own residential land (before: "no facility
        // of 'bus_stop'", the stops carrying the raw tag); the one kindergarten's measure reads 0 there, so it
        // is not asserted
        JsonNode res = importAndWait(file.resolveSibling("residential.geojson"), "residential.geojson", "layer",
                "大运 OSM 居住", "kind", "residential", "id", "ti-osm-res");
        assertThat(res.path("state").asString()).as(res.toString()).isEqualTo("succeeded");
        Reply life = get("/api/v1/indicators/life_circle_coverage?layers=ti-osm-res,ti-osm-facilities&mode=euclidean");
        assertThat(life.status()).as(life.body()).isEqualTo(200);
        Map<String, Double> measures = new TreeMap<>();
        life.json().path("measures").forEach(m -> measures.put(m.path("id").asString(), m.path("value").asDouble()));
        assertThat(measures.get("category.5min.bus_stop")).as(measures.toString()).isGreaterThan(0.0);
        deleteLayer("ti-osm-res");
        deleteLayer("ti-osm-facilities");
    }

    @Test
    void previewListsEveryValueWithItsCategoryAndTheImportAppliesTheEditedMapping() throws Exception {
        Path data = TestNetworks.sharedData();
        Assumptions.assumeTrue(data != null, "shared OSM data not present");
        Path file = data.resolve("shenzhen_longgang_dayun/facilities.geojson");
        Assumptions.assumeTrue(Files.exists(file), "Dayun extract not present");
        // one value no table knows, to see it unmatched (no "proposed")
        String extra = Files.readString(file).replace("\"shop=convenience\"", "\"shop=bakery\"");
        Path edited = write("facilities.geojson", extra);
        Reply r = multipart("/api/v1/imports/preview", ANALYST, edited, "facilities.geojson", "layer", "x",
                "kind", "facility");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode values = r.json().path("categoryValues");
        // the whole file's 8 distinct values (45 features), not only the 20 previewed features'
        assertThat(values.size()).isEqualTo(8);
        Map<String, String> proposed = new TreeMap<>();
        int features = 0;
        for (JsonNode v : values) {
            proposed.put(v.path("value").asString(), v.hasNonNull("proposed") ? v.path("proposed").asString() : null);
            features += v.path("count").asInt();
        }
        assertThat(features).isEqualTo(45);
        assertThat(values.get(0).path("value").asString()).isEqualTo("highway=bus_stop");
        assertThat(values.get(0).path("count").asInt()).isEqualTo(16);
        assertThat(proposed).containsEntry("highway=bus_stop", "bus_stop").containsEntry("amenity=school", "school")
                .containsEntry("shop=bakery", null);
        assertThat(r.json().path("categories").toString()).contains("\"supermarket\"");

        // the analyst's edits: the bakery counts as a supermarket, the schools as primary schools
        JsonNode job = importAndWait(edited, "facilities.geojson", "layer", "大运 OSM 设施", "kind", "facility",
                "id", "ti-osm-mapped", "valueMap", "{\"shop=bakery\":\"supermarket\",\"amenity=school\":\"primary_school\"}");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode f : items("ti-osm-mapped")) {
            counts.merge(f.path("properties").path("category").asString(), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("supermarket", 2).containsEntry("primary_school", 4).doesNotContainKey("school");
        deleteLayer("ti-osm-mapped");

        // a value mapped to no category greenplan knows is refused, naming the field
        Reply bad = multipart("/api/v1/imports", ANALYST, edited, "facilities.geojson", "layer", "x", "kind", "facility",
                "valueMap", "{\"shop=bakery\":\"bakery\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("valueMap");
    }
}
