package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A construction-land file as the 三调 (第三次全国国土调查) delivers it: land-use codes in DLBM. Before
 * kind/land-use-categories.csv the layer kept the raw codes ("0701", "05H1") as land_use, which no planner's
 * category (residential, commercial, …) matched.
 */
class SurveyLandUseImportTest extends ImportTestSupport {

    /** Five 100 m-ish squares side by side, one per code. */
    private static String survey(String... codes) {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < codes.length; i++) {
            double x = 114.20 + i * 0.002, y = 22.70;
            b.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"BSM\":").append(i + 1)
                    .append(",\"DLBM\":\"").append(codes[i]).append("\"},\"geometry\":{\"type\":\"Polygon\",")
                    .append("\"coordinates\":[[[").append(x).append(',').append(y).append("],[").append(x + 0.001)
                    .append(',').append(y).append("],[").append(x + 0.001).append(',').append(y + 0.001).append("],[")
                    .append(x).append(',').append(y + 0.001).append("],[").append(x).append(',').append(y)
                    .append("]]]}}");
        }
        return b.append("]}").toString();
    }

    @Test
    void surveyCodesBecomeLandUseCategories() throws Exception {
        Path file = write("sandiao.geojson", survey("0701", "0601", "05H1", "1001", "080101", "0810A", "Z9"));

        // the preview proposes a category per code, from the whole file, and DLBM is recognised as land_use
        Reply preview = multipart("/api/v1/imports/preview", ANALYST, file, "sandiao.geojson", "layer", "x",
                "kind", "construction_land");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("suggestedFieldMap").path("land_use").asString()).isEqualTo("DLBM");
        assertThat(preview.json().path("categoryAttribute").asString()).isEqualTo("land_use");
        Map<String, String> proposed = new TreeMap<>();
        for (JsonNode v : preview.json().path("categoryValues")) {
            proposed.put(v.path("value").asString(), v.hasNonNull("proposed") ? v.path("proposed").asString() : "-");
        }
        assertThat(proposed).isEqualTo(Map.of("0701", "residential", "0601", "industrial", "05H1", "commercial",
                "1001", "road", "080101", "public", "0810A", "park", "Z9", "-"));
        assertThat(preview.json().path("categories").toString()).contains("\"village\"").doesNotContain("\"bus_stop\"");

        // the import writes the categories, keeps the code beside them and names the unknown one
        JsonNode job = importAndWait(file, "sandiao.geojson", "layer", "三调 建设用地", "kind", "construction_land",
                "id", "ti-sandiao");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        Map<String, String> landUse = new TreeMap<>();
        for (JsonNode f : items("ti-sandiao")) {
            JsonNode p = f.path("properties");
            landUse.put(p.path("land_use_label").asString(p.path("land_use").asString()), p.path("land_use").asString());
        }
        assertThat(landUse).isEqualTo(Map.of("0701", "residential", "0601", "industrial", "05H1", "commercial",
                "1001", "road", "080101", "public", "0810A", "park", "Z9", "Z9"));
        assertThat(job.path("report").path("warnings").toString()).contains("Z9").doesNotContain("0701");
        deleteLayer("ti-sandiao");

        // the analyst's value map wins over the table, and must name a land_use category, not a facility one
        JsonNode mapped = importAndWait(file, "sandiao.geojson", "layer", "三调 建设用地", "kind", "construction_land",
                "id", "ti-sandiao-mapped", "valueMap", "{\"Z9\":\"vacant\",\"1001\":\"public\"}");
        assertThat(mapped.path("state").asString()).as(mapped.toString()).isEqualTo("succeeded");
        Map<String, String> edited = new TreeMap<>();
        for (JsonNode f : items("ti-sandiao-mapped")) {
            edited.put(f.path("properties").path("land_use_label").asString(), f.path("properties").path("land_use").asString());
        }
        assertThat(edited).containsEntry("Z9", "vacant").containsEntry("1001", "public").containsEntry("0701", "residential");
        deleteLayer("ti-sandiao-mapped");
        Reply bad = multipart("/api/v1/imports", ANALYST, file, "sandiao.geojson", "layer", "x", "kind",
                "construction_land", "valueMap", "{\"Z9\":\"bus_stop\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("valueMap");
    }
}
