package org.greenplan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.ServerTestSupport;
import org.greenplan.network.TestNetworks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing in one workspace changes a figure in another (issue 14), with two real places: the Shenzhen Dayun and
 * Beijing Tsinghua OSM extracts (ODbL, © OpenStreetMap contributors, read in place from the shared data folder)
 * each give, in a workspace of their own beside the other, exactly the figures they give alone on the server,
 * and the demo town's figures do not move. Before workspaces every default indicator read every layer of a kind:
 * the two walking networks made one graph whose largest component was one city, and the other city's park
 * coverage read 0 %.
 */
class WorkspaceIsolationTest extends ServerTestSupport {

    /** The indicators the extracts' layers feed (residential, park, road, facility), walking on the roads. */
    private static final List<String> INDICATORS = List.of("park_service_coverage", "life_circle_coverage",
            "park_area_per_capita");

    private static final Map<String, String> LAYERS = Map.of("residential.geojson", "residential",
            "parks.geojson", "park", "roads_walk.geojson", "road", "facilities.geojson", "facility");

    @Test
    void twoRealPlacesSideBySideGiveTheFiguresTheyGiveAlone() throws IOException {
        Path data = TestNetworks.sharedData();
        Assumptions.assumeTrue(data != null, "no shared OSM data folder");
        Path shenzhen = data.resolve("shenzhen_longgang_dayun");
        Path beijing = data.resolve("beijing_haidian_tsinghua");
        Map<String, String> demoBefore = figures("/api/v1");
        try {
            create("t-iso-alone");
            load("t-iso-alone", shenzhen);
            Map<String, String> shenzhenAlone = figures("/api/v1/workspaces/t-iso-alone");
            delete("t-iso-alone");
            create("t-iso-alone");
            load("t-iso-alone", beijing);
            Map<String, String> beijingAlone = figures("/api/v1/workspaces/t-iso-alone");
            delete("t-iso-alone");

            create("t-iso-sz");
            create("t-iso-bj");
            load("t-iso-sz", shenzhen);
            load("t-iso-bj", beijing);
            Map<String, String> shenzhenBeside = figures("/api/v1/workspaces/t-iso-sz");
            Map<String, String> beijingBeside = figures("/api/v1/workspaces/t-iso-bj");

            assertThat(shenzhenBeside).isEqualTo(shenzhenAlone);
            assertThat(beijingBeside).isEqualTo(beijingAlone);
            // each measures in the Gauss-Krüger zone of its own data: 114.2°E is zone 38 (EPSG:4547), 116.3°E zone 39
            assertThat(shenzhenBeside.get("park_service_coverage")).contains("EPSG:4547");
            assertThat(beijingBeside.get("park_service_coverage")).contains("EPSG:4548");
            // real figures, not two empty answers: each city walks on its own network and reaches parks
            assertThat(value(shenzhenBeside.get("park_service_coverage"))).isGreaterThan(10);
            assertThat(value(beijingBeside.get("park_service_coverage"))).isGreaterThan(10);
            assertThat(figures("/api/v1")).as("the demo town").isEqualTo(demoBefore);
            // and the workspace's extent is the box of its own layers
            JsonNode sz = get("/api/v1/workspaces/t-iso-sz").json();
            assertThat(sz.path("bbox").get(0).asDouble()).isBetween(113.9, 114.2);
            assertThat(sz.path("bbox").get(2).asDouble()).isBetween(114.2, 114.5);
        } finally {
            delete("t-iso-alone");
            delete("t-iso-sz");
            delete("t-iso-bj");
        }
    }

    /** Each indicator's value and the zone it measured in, or its refusal (status and field) when it has none. */
    private Map<String, String> figures(String api) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : INDICATORS) {
            Reply r = get(api + "/indicators/" + id);
            JsonNode j = r.json();
            out.put(id, r.status() == 200 ? j.path("value").asDouble() + " EPSG:" + j.path("measuredInEpsg").asInt()
                    + " " + j.path("mode").asString() : r.status() + " " + j.path("field").asString());
        }
        return out;
    }

    private static double value(String figure) {
        return Double.parseDouble(figure.substring(0, figure.indexOf(' ')));
    }

    private void create(String ws) {
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + ws + "\",\"name\":\"" + ws + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void delete(String ws) {
        send("DELETE", "/api/v1/workspaces/" + ws, ADMIN, null, null);
    }

    private void load(String ws, Path place) throws IOException {
        for (var e : LAYERS.entrySet()) {
            String id = e.getValue();
            Reply r = send("POST", "/api/v1/workspaces/" + ws + "/layers?name=" + id + "&kind=" + e.getValue()
                    + "&id=" + id, ADMIN, "application/geo+json", Files.readString(place.resolve(e.getKey())));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }
}
