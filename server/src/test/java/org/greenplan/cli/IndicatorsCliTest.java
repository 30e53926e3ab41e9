package org.greenplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The indicators CLI run in-process on the demo town's files (read through GDAL), compared with the
 * server's numbers for the same layers loaded in PostGIS.
 */
class IndicatorsCliTest extends ServerTestSupport {

    static final String DEMO = "gis-data/demo/";

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = IndicatorsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void computesTheSameNumbersAsTheApiFromFiles() {
        Run r = cli("--residential", DEMO + "residential.geojson", "--parks", DEMO + "park.geojson",
                "--admin", DEMO + "admin_area.geojson", "--built-up", DEMO + "built_up_area.geojson",
                "--sponge", DEMO + "sponge_zone.geojson", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("read residential", "computed park_service_coverage");
        JsonNode results = JSON.readTree(r.out());
        // every indicator whose required layers were given: coverage, green space ratio, park per capita, sponge, and
        // the 2SFCA accessibility of the parks (residential is all it requires)
        assertThat(results.size()).isEqualTo(5);
        compare(results, "park_service_coverage", "demo-residential,demo-park,demo-admin-area,demo-built-up-area");
        compare(results, "sponge_city_share", "demo-built-up-area,demo-sponge-zone,demo-admin-area");
        compare(results, "green_space_ratio", "demo-built-up-area,demo-park,demo-admin-area");
        compare(results, "accessibility_2sfca", "demo-residential,demo-park,demo-admin-area");
    }

    private void compare(JsonNode results, String id, String layers) {
        JsonNode cliResult = null;
        for (JsonNode n : results) {
            if (n.path("indicator").asString().equals(id)) {
                cliResult = n;
            }
        }
        assertThat(cliResult).as(id).isNotNull();
        JsonNode api = get("/api/v1/indicators/" + id + "?layers=" + layers).json();
        assertThat(cliResult.path("value").asDouble()).as(id).isCloseTo(api.path("value").asDouble(), within(1e-3));
        assertThat(cliResult.path("denominator").asDouble()).isCloseTo(api.path("denominator").asDouble(),
                within(1e-5 * api.path("denominator").asDouble()));
        assertThat(cliResult.path("breakdown").size()).isEqualTo(api.path("breakdown").size());
        assertThat(cliResult.path("measuredInEpsg").asInt()).isEqualTo(api.path("measuredInEpsg").asInt());
    }

    @Test
    void printsATableAndAppliesParameters() {
        Run base = cli("--residential", DEMO + "residential.geojson", "--parks", DEMO + "park.geojson",
                "--indicator", "park_service_coverage");
        Run wide = cli("--residential", DEMO + "residential.geojson", "--parks", DEMO + "park.geojson",
                "--indicator", "park_service_coverage", "--param", "largeParkRadius=1000");
        assertThat(base.code()).as(base.err()).isZero();
        assertThat(base.out()).startsWith("indicator").contains("park_service_coverage", "Park service-radius coverage");
        double v500 = value(base.out()), v1000 = value(wide.out());
        assertThat(v500).isBetween(1.0, 100.0);
        assertThat(v1000).isGreaterThan(v500);
    }

    private static double value(String table) {
        var m = java.util.regex.Pattern.compile("coverage\\s+([0-9.]+)\\s+%").matcher(table);
        assertThat(m.find()).as(table).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(cli().code()).isEqualTo(2);
        assertThat(cli("--parks", "/no/such/file.shp").err()).contains("no such file");
        Run missing = cli("--parks", DEMO + "park.geojson", "--indicator", "park_service_coverage");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("residential");
        assertThat(cli("--residential", DEMO + "residential.geojson", "--parks", DEMO + "park.geojson",
                "--param", "largeParkRadius=-1").code()).isEqualTo(2);
        assertThat(cli("--residential", DEMO + "residential.geojson", "--parks", DEMO + "park.geojson",
                "--indicator", "nope").code()).isEqualTo(2);
        Run notGis = cli("--residential", "pom.xml", "--parks", DEMO + "park.geojson");
        assertThat(notGis.code()).isEqualTo(1);
        assertThat(notGis.err()).contains("pom.xml");
    }
}
