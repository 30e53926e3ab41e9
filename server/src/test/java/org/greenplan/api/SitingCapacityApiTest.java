package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.api.SitingApiTest.box;
import static org.greenplan.api.SitingApiTest.collection;
import static org.greenplan.api.SitingApiTest.feature;
import static org.greenplan.api.SitingApiTest.point;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code capacity} in POST …/siting: a hand-worked town where a capacity per new 社区卫生服务中心 changes which two
 * sites are best. Straight-line mode, the 15-minute reach 1000 m, four residential squares of 100 × 100 m (land
 * equal, residents not), candidate plots of 20 × 20 m whose centres are the facilities:
 *
 * <pre>
 *   parcel  x (m)        residents   reached by (distance to the farthest corner)
 *   D       -3000…-2900    600       the existing facility at (-2950, 50): 71 m
 *   A          0…100      1000       X (800, 50): 801.6 m
 *   B       1500…1600     1000       X: 801.6 m; Y (2300, 50): 801.6 m
 *   C       5000…5100      400       Z (5050, 500): 502.5 m
 * </pre>
 * (every other parcel–candidate pair is over 1,400 m apart.) Without a capacity (land, as the indicator counts):
 * X reaches A and B (20,000 m²), Z adds C (10,000 m²), Y adds nothing after X → {X, Z}, 100 % of the land. With 1,000
 * residents per new site (residents; D stays served by the existing facility, of unlimited capacity): {X, Z} serves
 * 600 + min(1000, 2000) + 400 = 2,000 of 3,000 (66.667 %); {Y, Z} 600 + 1000 + 400 = 2,000; {X, Y} 600 + 1000 (A by X)
 * + 1000 (B by Y) = 2,600 (86.667 %) → {X, Y}, X first (X or Y alone adds 1,000: the tie goes to the first listed),
 * curve 20 → 53.333 → 86.667 %, each site serving 1,000. The indicator recomputed with {X, Y} counts land: A, B, D of
 * 40,000 m² = 75 %.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitingCapacityApiTest extends ServerTestSupport {

    static final String WS = "siting-capacity-test";

    @BeforeAll
    void workspace() {
        freshWorkspace(WS, "siting capacity");
        layer("residential", "residential", collection(List.of(
                feature(box(-3000, 0, -2900, 100), "{\"name\":\"D\",\"population\":600}"),
                feature(box(0, 0, 100, 100), "{\"name\":\"A\",\"population\":1000}"),
                feature(box(1500, 0, 1600, 100), "{\"name\":\"B\",\"population\":1000}"),
                feature(box(5000, 0, 5100, 100), "{\"name\":\"C\",\"population\":400}"))));
        layer("facility", "facility", collection(List.of(
                feature(point(-2950, 50), "{\"category\":\"community_health_center\"}"))));
        List<String> plots = new ArrayList<>();
        double[][] centres = {{800, 50}, {2300, 50}, {5050, 500}};
        String[] names = {"X", "Y", "Z"};
        for (int i = 0; i < centres.length; i++) {
            double x = centres[i][0], y = centres[i][1];
            plots.add(feature(box(x - 10, y - 10, x + 10, y + 10), "{\"name\":\"" + names[i] + "\"}"));
        }
        layer("plots", "construction_land", collection(plots));
    }

    @AfterAll
    void dropWorkspace() {
        send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null);
    }

    private void layer(String name, String kind, String body) {
        addLayer(WS, WS + "-" + name, name, kind, body);
    }

    private JsonNode run(String request) throws InterruptedException {
        return finishedSitingJob(WS, ANALYST, request).path("result");
    }

    /** The candidate names of the chosen sites, in order (the plot layer's feature ids are the candidate ids). */
    private List<String> chosen(JsonNode result) {
        Reply plots = get("/w/" + WS + "/collections/" + WS + "-plots/items?limit=10", "Authorization", "Bearer " + ANALYST);
        List<String> out = new ArrayList<>();
        for (JsonNode site : result.path("sites").path("features")) {
            String candidate = site.path("properties").path("candidate").asString();
            for (JsonNode plot : plots.json().path("features")) {
                if (plot.path("id").asString().equals(candidate)) {
                    out.add(plot.path("properties").path("name").asString());
                }
            }
        }
        return out;
    }

    private static final String ASK = "{\"category\":\"community_health_center\",\"sites\":2,\"candidates\":\"layer\","
            + "\"layer\":\"" + WS + "-plots\",\"mode\":\"euclidean\"";

    @Test
    void aCapacityChangesTheChosenSitesAsWorkedByHand() throws InterruptedException {
        JsonNode free = run(ASK + "}");
        assertThat(free.path("capacitated").asBoolean()).isFalse();
        assertThat(chosen(free)).containsExactly("X", "Z");
        assertThat(free.path("coverage").asDouble()).isCloseTo(100, within(1e-9));

        JsonNode capped = run(ASK + ",\"capacity\":1000}");
        assertThat(capped.path("capacitated").asBoolean()).isTrue();
        assertThat(capped.path("capacity").asDouble()).isEqualTo(1000);
        assertThat(capped.path("existingCapacity").asString()).isEqualTo("unlimited");
        assertThat(chosen(capped)).containsExactly("X", "Y");
        JsonNode curve = capped.path("curve");
        assertThat(curve.size()).isEqualTo(3);
        assertThat(curve.get(0).asDouble()).isCloseTo(20, within(1e-9));
        assertThat(curve.get(1).asDouble()).isCloseTo(160000 / 3000.0, within(1e-9));
        assertThat(curve.get(2).asDouble()).isCloseTo(260000 / 3000.0, within(1e-9));
        assertThat(capped.path("coverageBefore").asDouble()).isCloseTo(20, within(1e-9));
        assertThat(capped.path("proven").asBoolean()).isTrue();
        for (JsonNode site : capped.path("sites").path("features")) {
            assertThat(site.path("properties").path("servedResidents").asDouble()).isCloseTo(1000, within(1e-6));
            assertThat(site.path("properties").path("capacity").asDouble()).isEqualTo(1000);
            // a facility is a point: no park size or service radius (it was "NaN" and 0)
            assertThat(site.path("properties").has("radius")).isFalse();
            assertThat(site.path("properties").has("area")).isFalse();
        }
        // the indicator recomputed with the sites counts land, no capacity: A, B and D of the four squares (drawn in
        // degrees, so a few hundredths of a m² apart in the zone's metres; residents are exact, land is not)
        assertThat(capped.path("coverage").asDouble()).isCloseTo(75, within(1e-3));
        assertThat(capped.path("notes").toString()).contains("unlimited capacity");

        // the scenario holds the sites with their capacity as an attribute
        String scenario = capped.path("scenario").asString(null);
        assertThat(scenario).as("the scenario holding the sites").isNotNull();
        Reply items = get("/api/v1/workspaces/" + WS + "/scenarios/" + scenario + "/collections/" + WS
                + "-facility/items?limit=10", "Authorization", "Bearer " + ANALYST);
        assertThat(items.status()).as(items.body()).isEqualTo(200);
        int withCapacity = 0;
        for (JsonNode f : items.json().path("features")) {
            if (f.path("properties").has("capacity")) {
                assertThat(f.path("properties").path("capacity").asDouble()).isEqualTo(1000);
                withCapacity++;
            }
        }
        assertThat(withCapacity).as(items.body()).isEqualTo(2);
    }

    @Test
    void aBadCapacityIsRefusedNamingTheField() {
        String path = "/api/v1/workspaces/" + WS + "/siting";
        for (String body : List.of(ASK + ",\"capacity\":0}", ASK + ",\"capacity\":-5}", ASK + ",\"capacity\":2.5}",
                "{\"sites\":1,\"capacity\":1000}")) {
            Reply r = send("POST", path, ANALYST, "application/json", body);
            assertThat(r.status()).as(body + " " + r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo("capacity");
        }
    }
}
