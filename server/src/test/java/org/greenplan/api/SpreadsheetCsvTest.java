package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV files are opened in Excel (README): a text cell an uploader chose that starts with = + - @ (or tab/CR)
 * must not become a formula there, so it is written with a leading apostrophe. Numbers, negative ones too,
 * stay numbers. Checked on the indicator CSV, the indicator table and the layer CSV export.
 */
class SpreadsheetCsvTest extends ServerTestSupport {

    private static final String ADMIN_LAYER = "t-csv-admin";
    private static final String EXPORT_LAYER = "t-csv-export";
    static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";
    /** name → code of the four admin areas; every name and code a formula to a spreadsheet. */
    private static final Map<String, String> AREAS = Map.of(HYPERLINK, "=1+1", "+1", "+code", "@SUM(1)", "@code",
            "-cmd", "-code");
    private static final String LAYERS = "demo-residential,demo-park," + ADMIN_LAYER;

    @BeforeEach
    void createLayers() {
        send("DELETE", "/api/v1/layers/" + ADMIN_LAYER, ADMIN, null, null);
        send("DELETE", "/api/v1/layers/" + EXPORT_LAYER, ADMIN, null, null);
        List<String> features = new ArrayList<>();
        int i = 0;
        for (var e : AREAS.entrySet()) {
            // four quarters of the demo town (around 119.95°E 30.40°N)
            double x = 119.93 + (i % 2) * 0.02;
            double y = 30.38 + (i / 2) * 0.02;
            features.add(feature(Map.of("name", e.getKey(), "code", e.getValue(), "population", 1000 + i), x, y, 0.02));
            i++;
        }
        Reply r = send("POST", "/api/v1/layers?name=csv&kind=admin_area&id=" + ADMIN_LAYER, ANALYST,
                "application/geo+json", collection(features));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String tab = "\tTAB";
        String cr = "\rCR";
        List<String> rows = List.of(
                feature(Map.of("name", HYPERLINK, "@key", "v", "score", -3.5, "count", -2, "mixed", "-x"), 119.95, 30.40, 0.001),
                feature(Map.of("name", "+1", "@key", "=2", "score", 4.25, "count", 7, "mixed", -5), 119.96, 30.40, 0.001),
                feature(Map.of("name", "@SUM(1)", "@key", tab, "score", 0, "count", 0, "mixed", "ok"), 119.97, 30.40, 0.001),
                feature(Map.of("name", "-cmd", "@key", cr, "score", -10, "count", -1, "mixed", "plain"), 119.98, 30.40, 0.001));
        r = send("POST", "/api/v1/layers?name=export&kind=other&id=" + EXPORT_LAYER, ANALYST, "application/geo+json",
                collection(rows));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterEach
    void removeLayers() {
        send("DELETE", "/api/v1/layers/" + ADMIN_LAYER, ADMIN, null, null);
        send("DELETE", "/api/v1/layers/" + EXPORT_LAYER, ADMIN, null, null);
    }

    @Test
    void theIndicatorCsvWritesFormulaLikeAreaNamesAndCodesAsTextAndKeepsNegativeNumbers() {
        Reply r = get("/api/v1/indicators/park_service_coverage?f=csv&targets=zhejiang-beautiful-towns&year=2027&layers="
                + LAYERS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<List<String>> table = parse(r.body());
        List<String> head = table.get(0);
        int name = head.indexOf("area_name");
        int id = head.indexOf("area_id");
        int value = head.indexOf("value");
        int distance = head.indexOf("distance_to_target");
        Map<String, List<String>> byName = table.subList(1, table.size()).stream()
                .collect(Collectors.toMap(row -> row.get(name), row -> row, (a, b) -> a));
        for (var e : AREAS.entrySet()) {
            List<String> row = byName.get("'" + e.getKey());
            assertThat(row).as("a row for '" + e.getKey() + " in " + byName.keySet()).isNotNull();
            assertThat(row.get(id)).isEqualTo("'" + e.getValue());
            Double.parseDouble(row.get(value));
        }
        assertThat(byName).doesNotContainKeys(AREAS.keySet().toArray(String[]::new));
        // a coverage below 92 % is a negative distance to the 2027 target: still a number, no apostrophe
        List<String> negative = table.subList(1, table.size()).stream().map(row -> row.get(distance))
                .filter(c -> c.startsWith("-") || c.startsWith("'")).toList();
        assertThat(negative).isNotEmpty().allSatisfy(c -> assertThat(Double.parseDouble(c)).isNegative());
        // the raw text: Excel sees '=HYPERLINK(...) inside quotes, never =HYPERLINK at a cell start
        assertThat(r.body()).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"").doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }

    @Test
    void theIndicatorTableCsvWritesTheAreaNameAsText() {
        Reply r = get("/api/v1/indicators.csv?targets=zhejiang-beautiful-towns&year=2027&layers=" + LAYERS + "&area="
                + URLEncoder.encode("=1+1", StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<List<String>> table = parse(r.body());
        List<String> head = table.get(0);
        List<String> coverage = table.stream().filter(row -> row.get(0).equals("park_service_coverage")).findFirst().orElseThrow();
        assertThat(coverage.get(head.indexOf("area_name"))).isEqualTo("'" + HYPERLINK);
        assertThat(coverage.get(head.indexOf("area_id"))).isEqualTo("'=1+1");
        Double.parseDouble(coverage.get(head.indexOf("value")));
        String d = coverage.get(head.indexOf("distance_to_target"));
        assertThat(Double.parseDouble(d)).as("distance to the 2027 target, a plain number").isNotNull();
    }

    @Test
    void theLayerCsvExportNeutralisesTextCellsAndHeadersButNotNumbers() {
        for (String crs : new String[] {"", "&crs=gcj02"}) {
            Reply r = get("/api/v1/layers/" + EXPORT_LAYER + "/export?format=csv" + crs);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<List<String>> table = parse(r.body());
            List<String> head = table.get(0);
            assertThat(head).as(crs).contains("'@key", "name", "score", "count", "mixed").doesNotContain("@key");
            int name = head.indexOf("name");
            int key = head.indexOf("'@key");
            int score = head.indexOf("score");
            int count = head.indexOf("count");
            int mixed = head.indexOf("mixed");
            List<List<String>> rows = table.subList(1, table.size());
            assertThat(rows).hasSize(4);
            assertThat(rows.stream().map(row -> row.get(name)).toList()).as(crs)
                    .containsExactly("'" + HYPERLINK, "'+1", "'@SUM(1)", "'-cmd");
            assertThat(rows.stream().map(row -> row.get(key)).toList()).as(crs)
                    .containsExactly("v", "'=2", "'\tTAB", "'\rCR");
            assertThat(rows.stream().map(row -> Double.parseDouble(row.get(score))).toList()).as(crs)
                    .containsExactly(-3.5, 4.25, 0.0, -10.0);
            assertThat(rows.stream().map(row -> row.get(count)).toList()).as(crs).containsExactly("-2", "7", "0", "-1");
            // a column of text and numbers is text; its text cells are neutralised, its numbers are not
            assertThat(rows.stream().map(row -> row.get(mixed)).toList()).as(crs).containsExactly("'-x", "-5", "ok", "plain");
        }
    }

    private static String feature(Map<String, Object> properties, double x, double y, double size) {
        String props = properties.entrySet().stream().map(e -> JSON.writeValueAsString(e.getKey()) + ":"
                + JSON.writeValueAsString(e.getValue())).collect(Collectors.joining(","));
        return ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}").formatted(props, x, y, x + size, y, x + size, y + size,
                        x, y + size, x, y);
    }

    private static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; a BOM is skipped. */
    static List<List<String>> parse(String csv) {
        String s = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
